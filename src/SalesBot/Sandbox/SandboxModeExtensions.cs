using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Sandbox.Facebook;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;

namespace SalesBot.Sandbox;

/// <summary>
/// With nothing configured the app brings its own Shopify and Facebook: the emulated store is mounted
/// in this process under <c>/sandbox/{shop}</c>, the emulated Graph API and chat page under <c>/sandbox</c>. Its catalog is <c>SANDBOX_CATALOG_CSV</c> (a Shopify product
/// export) or, without it, a generated demo store. Which of the two is mounted is <see cref="SandboxMode"/>'s decision:
/// none once a real credential is set, unless <c>SALESBOT_SANDBOX=1</c>.
/// </summary>
public static class SandboxModeExtensions
{
    public static WebApplicationBuilder AddSandboxMode(this WebApplicationBuilder builder)
    {
        var mode = SandboxMode.From(builder.Configuration);
        // Every address the sandbox hands out or calls comes from APP_BASE_URL, never from a request's Host header.
        var baseUrl = (builder.Configuration.Get<AppOptions>() ?? new AppOptions()).BaseUrlTrimmed;
        if (mode.Facebook)
            builder.Services.AddFacebookSandbox(o =>
            {
                (o.AppId, o.AppSecret) = (FacebookOptions.SandboxAppId, FacebookOptions.SandboxAppSecret);
                o.WebhookUrl = baseUrl + "/facebook/webhook";
                o.RedirectUris = [baseUrl + "/facebook/callback"];
            });

        if (!mode.Shopify) return builder;

        var csv = builder.Configuration["SANDBOX_CATALOG_CSV"];
        // Relative to the current directory: where the command was typed (see RunWorkingDirectory in SalesBot.csproj).
        if (!string.IsNullOrEmpty(csv)) csv = Path.GetFullPath(csv);
        if (!string.IsNullOrEmpty(csv) && !File.Exists(csv))
            throw new ConfigurationError($"SANDBOX_CATALOG_CSV points at {csv}, which does not exist; give a Shopify product export (.csv), relative to {Directory.GetCurrentDirectory()} or absolute.");
        var products = int.TryParse(builder.Configuration["SANDBOX_PRODUCTS"], out var n) && n > 0 ? n : 40;
        var tokenTtl = Lifetime(builder.Configuration, "SANDBOX_TOKEN_TTL", TimeSpan.FromHours(1));
        var refreshTtl = Lifetime(builder.Configuration, "SANDBOX_REFRESH_TOKEN_TTL", TimeSpan.FromDays(90));
        var refuseLifetime = builder.Configuration["SANDBOX_REFUSE_LIFETIME_TOKENS"] is { Length: > 0 } refuse
            ? bool.TryParse(refuse, out var r) ? r : throw new ConfigurationError($"SANDBOX_REFUSE_LIFETIME_TOKENS is '{refuse}', not true or false.")
            : false;

        builder.Services.AddShopifySandbox(o =>
        {
            o.PublicBaseUri = new Uri(baseUrl + "/");
            // The app's two Shopify callbacks: the install's and the merchant sign-in's.
            o.AllowedRedirectUris = [baseUrl + "/shopify/callback", baseUrl + MerchantConsole.ConsoleApi.CallbackPath];
            o.ApiKey = ShopifyOptions.SandboxApiKey;
            o.ApiSecret = ShopifyOptions.SandboxApiSecret;
            // The demo store gets a Shopify Plus bucket so a first install takes seconds; tests and benchmarks pick their own plan.
            o.ThrottleBucketSize = 10_000;
            o.ThrottleRestoreRate = 1_000;
            o.AccessTokenLifetime = tokenTtl;
            o.RefreshTokenLifetime = refreshTtl;
            o.RefuseLifetimeTokens = refuseLifetime;
            o.Catalog = string.IsNullOrEmpty(csv)
                ? CatalogSource.Generated(new CatalogGeneratorSpec { Products = products, RestrictedDiscounts = true })
                : CatalogSource.FromCsv(csv);
        });
        return builder;
    }

    /// <summary>A TimeSpan (<c>00:05:00</c>) or whole seconds (<c>300</c>), at least one second: Shopify's <c>expires_in</c> counts seconds.</summary>
    private static TimeSpan Lifetime(IConfiguration configuration, string name, TimeSpan fallback)
    {
        var text = configuration[name];
        if (string.IsNullOrEmpty(text)) return fallback;
        if (long.TryParse(text, out var seconds) && seconds >= 1) return TimeSpan.FromSeconds(seconds);
        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.FromSeconds(1)) return span;
        throw new ConfigurationError($"{name} is '{text}'; give a TimeSpan such as 01:00:00 or a number of seconds, at least 1.");
    }

    public static WebApplication MapSandboxMode(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<SandboxMode>();
        if (mode.Facebook)
            app.MapFacebookSandbox();
        if (mode.Shopify)
        {
            app.MapShopifySandbox();
            var catalog = app.Services.GetRequiredService<ShopifySandboxOptions>().Catalog;
            app.Logger.LogInformation("Sandbox store catalog: {Catalog}", catalog.CsvPath ?? $"generated, {catalog.Generator.Products} products");
        }
        if (mode.Shopify != mode.Facebook)
            app.Logger.LogWarning("{Variable}=1: the sandbox stands in for {Platform} beside the real {Other}; it accepts what anyone signs with its public secrets, so keep APP_BASE_URL on this machine.",
                SandboxMode.Variable, mode.Shopify ? "Shopify" : "Facebook", mode.Shopify ? "Facebook app" : "Shopify app");
        return app;
    }
}
