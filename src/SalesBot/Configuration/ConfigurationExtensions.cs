using System.Text.RegularExpressions;

namespace SalesBot.Configuration;

public static partial class ConfigurationExtensions
{
    /// <summary>
    /// Reads <c>.env</c> (real environment variables win), binds every options class from the flat
    /// variable names in DESIGN.md and validates them when the host starts. Decides the <see cref="SandboxMode"/>.
    /// </summary>
    public static WebApplicationBuilder AddSalesBotConfiguration(this WebApplicationBuilder builder)
    {
        BadSettingExit.Install();
        AppFolder.AddDefaults(builder);
        // The folder the command was typed in (dotnet run keeps it: RunWorkingDirectory in SalesBot.csproj), not the content root.
        var dotEnv = Path.Combine(Directory.GetCurrentDirectory(), ".env");
        if (File.Exists(dotEnv))
            builder.Configuration.AddInMemoryCollection(DotNetEnv.Env.NoEnvVars().Load(dotEnv)
                .Where(p => Environment.GetEnvironmentVariable(p.Key) is null)
                .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));

        CheckAddresses(builder.Configuration);
        var sandbox = SandboxMode.From(builder.Configuration);
        builder.Services.AddSingleton(sandbox);
        var outsideSandbox = $"outside the sandbox (or set {SandboxMode.Variable}=1 on a loopback APP_BASE_URL to emulate it)";

        builder.Services.AddOptions<AppOptions>().BindConfiguration("")
            .PostConfigure(o => o.DataDir = string.IsNullOrWhiteSpace(o.DataDir) ? o.DataDir : Path.GetFullPath(o.DataDir))
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ShopifyOptions>().BindConfiguration("")
            .Configure(o => o.IsSandbox = sandbox.Shopify)
            .PostConfigure<IConfiguration>(ReadPreconfiguredTokens)
            .ValidateDataAnnotations()
            .Validate(o => o.IsSandbox || (!string.IsNullOrEmpty(o.ApiKey) && !string.IsNullOrEmpty(o.ApiSecret)),
                $"SHOPIFY_API_KEY and SHOPIFY_API_SECRET are required {outsideSandbox}")
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
            .Configure(o => o.IsSandbox = sandbox.Facebook)
            .Validate(o => o.IsSandbox || (!string.IsNullOrEmpty(o.AppId) && !string.IsNullOrEmpty(o.AppSecret)),
                $"FACEBOOK_APP_ID and FACEBOOK_APP_SECRET are required {outsideSandbox}")
            .Validate(o => string.IsNullOrEmpty(o.PageId) || (!string.IsNullOrEmpty(o.PageAccessToken) && !string.IsNullOrEmpty(o.PageShop)),
                "FACEBOOK_PAGE_ACCESS_TOKEN and FACEBOOK_PAGE_SHOP are required when FACEBOOK_PAGE_ID is set")
            .Validate(o => o.BatchWindow >= TimeSpan.Zero && o.BatchWindow <= FacebookOptions.MaxBatchWindow,
                $"FACEBOOK_BATCH_WINDOW must be a TimeSpan from 00:00:00 to {FacebookOptions.MaxBatchWindow}, such as 00:00:01.500")
            .ValidateOnStart();
        builder.Services.AddOptions<OpenAiOptions>().BindConfiguration("").ValidateOnStart();
        return builder;
    }

    /// <summary>The addresses other parts read while the app is being built, before options validation could name them.</summary>
    private static void CheckAddresses(IConfiguration configuration)
    {
        if (configuration["APP_BASE_URL"] is { Length: > 0 } baseUrl
            && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            throw new ConfigurationError($"APP_BASE_URL is '{baseUrl}'; allowed: an absolute http(s) URL such as https://bot.example.com.");
        // Only the scheme is named: the URL carries the database password.
        if (configuration["DATABASE_URL"] is { Length: > 0 } databaseUrl
            && !(Uri.TryCreate(databaseUrl, UriKind.Absolute, out var db) && db.Scheme is "postgres" or "postgresql"))
            throw new ConfigurationError("DATABASE_URL is not a PostgreSQL URL; allowed: postgres://user:password@host:5432/database, or unset for SQLite in DATA_DIR.");
    }

    /// <summary>Checks every options class now, before anything starts or logs, so all bad settings are reported together.</summary>
    public static WebApplication ValidateSalesBotConfiguration(this WebApplication app)
    {
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        return app;
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
