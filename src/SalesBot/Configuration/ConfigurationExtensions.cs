using System.Text.RegularExpressions;

namespace SalesBot.Configuration;

public static partial class ConfigurationExtensions
{
    /// <summary>
    /// Reads <c>.env</c> (real environment variables win), binds every options class from the flat
    /// variable names in DESIGN.md and validates them when the host starts.
    /// </summary>
    public static WebApplicationBuilder AddSalesBotConfiguration(this WebApplicationBuilder builder)
    {
        var dotEnv = Path.Combine(builder.Environment.ContentRootPath, ".env");
        if (File.Exists(dotEnv))
            builder.Configuration.AddInMemoryCollection(DotNetEnv.Env.NoEnvVars().Load(dotEnv)
                .Where(p => Environment.GetEnvironmentVariable(p.Key) is null)
                .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

        builder.Services.AddOptions<AppOptions>().BindConfiguration("").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ShopifyOptions>().BindConfiguration("")
            .PostConfigure<IConfiguration>(ReadPreconfiguredTokens)
            .ValidateDataAnnotations()
            .Validate(o => o.IsSandbox || !string.IsNullOrEmpty(o.ApiSecret), "SHOPIFY_API_SECRET is required when SHOPIFY_API_KEY is set")
            .Validate(o => o.ApiOrigin.Contains("{shop}", StringComparison.Ordinal), "SHOPIFY_API_ORIGIN must contain {shop}")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "SHOPIFY_POLL_INTERVAL must be a positive TimeSpan such as 00:30:00")
            .Validate(o => o.SyncDebounce >= TimeSpan.Zero, "SHOPIFY_SYNC_DEBOUNCE must be a TimeSpan such as 00:00:00.500")
            .ValidateOnStart();
        builder.Services.AddOptions<SpacesOptions>().BindConfiguration("")
            .Validate(o => !o.UsesObjectStorage || (!string.IsNullOrEmpty(o.AccessKey) && !string.IsNullOrEmpty(o.SecretKey)),
                "SPACES_ACCESS_KEY and SPACES_SECRET_KEY are required when SPACES_BUCKET is set")
            .Validate(o => o.Endpoint is null || Uri.IsWellFormedUriString(o.Endpoint, UriKind.Absolute), "SPACES_ENDPOINT must be an absolute URL")
            .ValidateOnStart();
        builder.Services.AddOptions<FacebookOptions>().BindConfiguration("")
            .Validate(o => o.IsSandbox || !string.IsNullOrEmpty(o.AppSecret), "FACEBOOK_APP_SECRET is required when FACEBOOK_APP_ID is set")
            .Validate(o => string.IsNullOrEmpty(o.PageId) || (!string.IsNullOrEmpty(o.PageAccessToken) && !string.IsNullOrEmpty(o.PageShop)),
                "FACEBOOK_PAGE_ACCESS_TOKEN and FACEBOOK_PAGE_SHOP are required when FACEBOOK_PAGE_ID is set")
            .ValidateOnStart();
        builder.Services.AddOptions<OpenAiOptions>().BindConfiguration("").ValidateOnStart();
        return builder;
    }

    private static void ReadPreconfiguredTokens(ShopifyOptions options, IConfiguration configuration)
    {
        const string prefix = "SHOPIFY_ACCESS_TOKEN_";
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (!key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(value)) continue;
            // SHOPIFY_ACCESS_TOKEN_acme_myshopify_com → acme.myshopify.com (dots and dashes are written as _).
            var name = key[prefix.Length..];
            // Real shop handles use dashes, never underscores, so every remaining _ was a dash.
            var shop = MyshopifySuffix().Replace(name, "").Replace('_', '-') + ".myshopify.com";
            options.PreconfiguredTokens[shop.ToLowerInvariant()] = value;
        }
    }

    [GeneratedRegex("_myshopify_com$", RegexOptions.IgnoreCase)]
    private static partial Regex MyshopifySuffix();
}
