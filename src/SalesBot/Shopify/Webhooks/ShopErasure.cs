using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
using SalesBot.Assistant.Settings;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Insights;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// <c>shop/redact</c> (Shopify sends it 48 hours after an uninstall): every part erases what it holds of the shop
/// through its own service, this class only decides and orders. A shop whose token still works has the app, so the
/// request is a replay and is ignored.
/// </summary>
public sealed class ShopErasure(
    InstallationCheck installation,
    DistributedLock locks,
    ShopTokenStore tokens,
    OAuthStateStore oauthStates,
    SnapshotPublisher snapshots,
    ShopSyncData sync,
    PageStore pages,
    PageBotSwitches botSwitches,
    MessengerProfileStatus profileStatus,
    CommentReplyClaims commentReplies,
    ConversationStore conversations,
    InsightsRecorder insights,
    CatalogProvider catalogs,
    AssistantSettingsService assistantSettings,
    ConversationMemoryStore memories,
    DeliveryRetention deliveries,
    WebhookHealthLog webhooks,
    ILogger<ShopErasure> logger)
{
    /// <summary>True when the shop was erased, false when it is still installed.</summary>
    public async Task<bool> EraseAsync(string shop, string redactEventId, CancellationToken cancellationToken)
    {
        if (await installation.CheckAsync(shop, cancellationToken) == Installation.Installed)
        {
            logger.LogWarning("Ignored shop/redact for {Shop}: its access token still works, so the app is installed", shop);
            return false;
        }

        // Under the catalog lock, so a sync that is running finishes first; the ones after it find no token.
        await using (await locks.AcquireAsync(IncrementalSync.LockName(shop), cancellationToken))
        {
            await tokens.DeleteAsync(shop, cancellationToken);
            await snapshots.EraseAsync(shop, cancellationToken);
            await sync.EraseAsync(shop, cancellationToken);
        }
        await oauthStates.ForgetShopAsync(shop, cancellationToken);
        var pageIds = await pages.DeleteShopAsync(shop, cancellationToken);
        await botSwitches.DeleteShopAsync(shop, cancellationToken);
        await profileStatus.ForgetPagesAsync(pageIds, cancellationToken);
        await commentReplies.ErasePagesAsync(pageIds, cancellationToken);
        await assistantSettings.DeleteShopAsync(shop, cancellationToken);
        var erased = await conversations.ErasePagesAsync(pageIds, cancellationToken);
        var memoryRows = await memories.DeleteShopAsync(shop, cancellationToken);
        var insightRows = await insights.EraseShopAsync(shop, cancellationToken);
        catalogs.Forget(shop);
        // The redact delivery itself stays until the delivery window ends, so Shopify's retries of it stay duplicates.
        var otherDeliveries = await deliveries.EraseShopAsync(shop, redactEventId, cancellationToken);
        await webhooks.ForgetAsync(shop, rejections: true, cancellationToken);
        logger.LogInformation(
            "shop/redact: erased {Shop}: snapshot, tokens, {Pages} pages with {Messages} messages, {Events} events and {Pauses} pauses, {Memories} conversation memories, {Insights} insight rows, {Deliveries} webhook deliveries",
            shop, pageIds.Count, erased.Messages, erased.Events, erased.Pauses, memoryRows, insightRows, otherDeliveries);
        return true;
    }
}
