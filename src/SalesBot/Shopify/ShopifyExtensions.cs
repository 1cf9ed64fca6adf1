using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Install;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Sync.Fetch;
using SalesBot.Shopify.Webhooks;
using SalesBot.Data.Retention;

namespace SalesBot.Shopify;

public static class ShopifyExtensions
{
    /// <summary>OAuth install, token store and refresh, Admin GraphQL client, catalog fetch, webhooks, incremental sync and polling.</summary>
    public static WebApplicationBuilder AddShopify(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        // In sandbox mode the emulated store lives in this process, under /sandbox/{shop}.
        services.PostConfigure<ShopifyOptions>(o =>
        {
            if (o.IsSandbox && o.ApiOrigin == new ShopifyOptions().ApiOrigin)
                o.ApiOrigin = (builder.Configuration.Get<AppOptions>() ?? new AppOptions()).BaseUrlTrimmed + "/sandbox/{shop}";
        });

        services.AddShopifyAdminTransport(ShopifyAdminClientFactory.HttpClientName);
        services.AddHttpClient(AccessTokenExchanger.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<AccessTokenExchanger>();
        services.AddSingleton<ShopThrottleRegistry>();
        services.AddSingleton<AdminApiMetrics>();
        services.AddSingleton<ShopifyAdminClientFactory>();
        // Redirects are followed by BulkResultDownloader itself, only to the same host.
        services.AddHttpClient(BulkResultDownloader.HttpClientName, c => c.Timeout = TimeSpan.FromMinutes(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<BulkResultDownloader>();
        services.AddSingleton<BulkCatalogReader>();
        services.AddSingleton<CatalogFetcher>();
        services.AddSingleton<OAuthStateStore>();
        services.AddSingleton<ShopTokenStore>();
        services.AddSingleton<ShopInstallState>();
        services.AddSingleton<ShopAccessTokens>();
        services.AddSingleton<IAccessTokenSource>(sp => sp.GetRequiredService<ShopAccessTokens>());
        services.AddSingleton<CallbackVerifier>();
        services.AddSingleton<CallbackValidator>();
        services.AddSingleton<AuthorizeRedirect>();
        services.AddSingleton<ShopInstaller>();

        services.AddHttpClient<WebhookSelfTest>(c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<WebhookRegistrar>();
        services.AddSingleton<WebhookHealthLog>();
        services.AddSingleton<DeliveryRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryRecorder>());
        services.AddSingleton<WebhookIngest>();
        services.AddSingleton<WebhookMetrics>();
        services.AddSingleton<DeliveryOutcomes>();
        services.AddSingleton<IChangeReceipts>(sp => sp.GetRequiredService<DeliveryOutcomes>());
        services.AddSingleton<CatalogCache>();
        services.AddSingleton<SyncStatusStore>();
        services.AddSingleton<SyncRunHistory>();
        services.AddSingleton<IncrementalSync>();
        services.AddSingleton<FullSync>();
        services.AddSingleton<ShopSyncQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<ShopSyncQueue>());
        services.AddSingleton<ShopSyncData>();
        services.AddSingleton<InstallationCheck>();
        services.AddSingleton<ShopUninstall>();
        services.AddSingleton<ShopErasure>();
        services.AddSingleton<DeliveryRetention>();
        services.AddSingleton<IRetentionSweep>(sp => sp.GetRequiredService<DeliveryRetention>());
        services.AddSingleton<IRetentionSweep, OAuthStateRetention>();
        services.AddOptions<RetentionOptions>()
            .Validate(o => o.WebhookDeliveries >= DeliveryRetention.Minimum, $"RETENTION_WEBHOOK_DELIVERIES must be a TimeSpan of at least {DeliveryRetention.Minimum} (Shopify's replay window), such as 7.00:00:00")
            .Validate(o => o.OAuthStates >= OAuthStateRetention.Minimum, $"RETENTION_OAUTH_STATES must be a TimeSpan of at least {OAuthStateRetention.Minimum} (a login's lifetime), such as 1.00:00:00");
        services.AddHostedService<WebhookProcessor>();
        services.AddSingleton<PollingReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<PollingReconciler>());
        return builder;
    }

    public static IEndpointRouteBuilder MapShopify(this IEndpointRouteBuilder app)
    {
        app.MapShopifyAuth();
        app.MapShopifyInstall();
        app.MapShopifyWebhooks();
        app.MapShopStatus();
        return app;
    }

    /// <summary>Says in the first log lines whether this is a real app or the sandbox.</summary>
    public static void LogShopifyMode(this WebApplication app)
    {
        var o = app.Services.GetRequiredService<IOptions<ShopifyOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SalesBot");
        if (o.IsSandbox)
            logger.LogWarning("SANDBOX MODE: no SHOPIFY_API_KEY is set, so an emulated Shopify store runs in this process at {Origin}. Open the home page and click 'Install the demo store'.",
                o.ApiOrigin.Replace("{shop}", "<shop>", StringComparison.Ordinal));
        else
            logger.LogInformation("Shopify app {ApiKey} on Admin API {Version}", o.ApiKey, o.ApiVersion);
    }
}
