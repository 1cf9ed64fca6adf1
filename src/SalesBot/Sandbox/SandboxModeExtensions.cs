using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Sandbox.Facebook;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;

namespace SalesBot.Sandbox;

/// <summary>
/// With nothing configured the app brings its own Shopify and Facebook: the emulated store is mounted
/// in this process under <c>/sandbox/{shop}</c>, the emulated Graph API and chat page under <c>/sandbox</c>. Its catalog is <c>SANDBOX_CATALOG_CSV</c> (a Shopify product
/// export) or, without it, a generated demo store.
/// </summary>
public static class SandboxModeExtensions
{
    public static WebApplicationBuilder AddSandboxMode(this WebApplicationBuilder builder)
    {
        var facebook = builder.Configuration.Get<FacebookOptions>() ?? new FacebookOptions();
        if (facebook.IsSandbox)
            builder.Services.AddFacebookSandbox(o => (o.AppId, o.AppSecret) = (FacebookOptions.SandboxAppId, FacebookOptions.SandboxAppSecret));

        var shopify = builder.Configuration.Get<ShopifyOptions>() ?? new ShopifyOptions();
        if (!shopify.IsSandbox) return builder;

        var csv = builder.Configuration["SANDBOX_CATALOG_CSV"];
        if (!string.IsNullOrEmpty(csv) && !File.Exists(csv))
            throw new OptionsValidationException("SANDBOX_CATALOG_CSV", typeof(ShopifyOptions), [$"SANDBOX_CATALOG_CSV points at {csv}, which does not exist."]);
        var products = int.TryParse(builder.Configuration["SANDBOX_PRODUCTS"], out var n) && n > 0 ? n : 40;

        builder.Services.AddShopifySandbox(o =>
        {
            o.ApiKey = ShopifyOptions.SandboxApiKey;
            o.ApiSecret = ShopifyOptions.SandboxApiSecret;
            // The demo store gets a Shopify Plus bucket so a first install takes seconds; tests and benchmarks pick their own plan.
            o.ThrottleBucketSize = 10_000;
            o.ThrottleRestoreRate = 1_000;
            o.Catalog = string.IsNullOrEmpty(csv)
                ? CatalogSource.Generated(new CatalogGeneratorSpec { Products = products })
                : CatalogSource.FromCsv(csv);
        });
        return builder;
    }

    public static WebApplication MapSandboxMode(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<FacebookOptions>>().Value.IsSandbox)
            app.MapFacebookSandbox();
        if (app.Services.GetRequiredService<IOptions<ShopifyOptions>>().Value.IsSandbox)
            app.MapShopifySandbox();
        return app;
    }
}
