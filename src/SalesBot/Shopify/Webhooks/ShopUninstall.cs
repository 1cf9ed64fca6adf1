using SalesBot.Assistant;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// <c>app/uninstalled</c>, confirmed with Shopify first: a signed body can be replayed with another shop's header, so
/// a token that still answers means the shop has the app and the delivery is ignored. Otherwise the token goes,
/// syncing stops and the bot stops selling for the shop at once (its catalog leaves memory; the snapshot stays until
/// <c>shop/redact</c>, so a reinstall within 48 hours starts from it).
/// </summary>
public sealed class ShopUninstall(
    InstallationCheck installation,
    ShopTokenStore tokens,
    ShopSyncData sync,
    CatalogProvider catalogs,
    WebhookHealthLog webhooks,
    ILogger<ShopUninstall> logger)
{
    /// <summary>True when the shop was marked uninstalled, false when Shopify says it still has the app.</summary>
    public async Task<bool> HandleAsync(string shop, CancellationToken cancellationToken)
    {
        if (await installation.CheckAsync(shop, cancellationToken) == Installation.Installed)
        {
            logger.LogWarning("Ignored app/uninstalled for {Shop}: its access token still works, so the app is installed", shop);
            return false;
        }
        await tokens.MarkUninstalledAsync(shop, cancellationToken);
        sync.Forget(shop);
        catalogs.Forget(shop);
        await webhooks.ForgetAsync(shop, rejections: false, cancellationToken);
        logger.LogInformation("{Shop} uninstalled the app: token discarded, syncing stopped, its pages no longer offer products", shop);
        return true;
    }
}
