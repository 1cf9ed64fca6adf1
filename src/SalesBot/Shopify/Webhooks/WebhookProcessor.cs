using System.Text.Json;
using SalesBot.Catalog;
using SalesBot.Shopify.Sync;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Turns recorded deliveries into work: catalog topics go to the sync queue (harmless whatever the header says:
/// they make the app re-read current state), <c>app/uninstalled</c> and <c>shop/redact</c> act only when the payload
/// names the header's shop and Shopify confirms the token is revoked. At start it first replays what a previous
/// run recorded but never applied.
/// </summary>
public sealed class WebhookProcessor(
    WebhookIngest ingest,
    ShopSyncQueue queue,
    ShopUninstall uninstall,
    ShopErasure erasure,
    DeliveryOutcomes outcomes,
    ILogger<WebhookProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var unfinished = await outcomes.UnfinishedAsync(stoppingToken);
        if (unfinished.Count > 0) logger.LogInformation("Replaying {Count} webhook deliveries recorded before the last stop", unfinished.Count);
        foreach (var delivery in unfinished) await HandleAsync(delivery, stoppingToken);
        await foreach (var delivery in ingest.Recorded.ReadAllAsync(stoppingToken))
            await HandleAsync(delivery, stoppingToken);
    }

    // A failure here is nearly always the database going away for a moment (a restart, a failover): the delivery is
    // recorded, so it is tried again a few times before waiting for the next start's replay.
    private static readonly TimeSpan[] RetryDelays =
        [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    private async Task HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (ToChange(delivery) is { } change)
        {
            queue.Enqueue(delivery.Shop, change);
            return; // marked processed by the queue once applied
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await HandleNonCatalogAsync(delivery, cancellationToken);
                await outcomes.MarkAsync([delivery.EventId], processed: true, null, countAttempt: false, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var last = attempt == RetryDelays.Length;
                logger.LogWarning(e, last ? "Could not process {Topic} for {Shop} ({EventId}); it is replayed at the next start"
                    : "Could not process {Topic} for {Shop} ({EventId}); trying again", delivery.Topic, delivery.Shop, delivery.EventId);
                if (last) return;
                await Task.Delay(RetryDelays[attempt], cancellationToken);
            }
        }
    }

    private async Task HandleNonCatalogAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (WebhookTopics.NamesItsShop(delivery.Topic) && !PayloadShop.Matches(delivery))
        {
            // Shopify signs the body, not the headers: a body signed for one shop, sent with another's header, is a replay.
            logger.LogWarning("Ignored {Topic} for {Shop} ({EventId}): the payload names {PayloadShop}, not the shop in {Header}",
                delivery.Topic, delivery.Shop, delivery.EventId, PayloadShop.Of(delivery.Topic, delivery.Payload) ?? "no shop", WebhookHeaders.ShopDomain);
            return;
        }
        switch (delivery.Topic)
        {
            case WebhookTopics.AppUninstalled:
                await uninstall.HandleAsync(delivery.Shop, cancellationToken);
                break;
            case WebhookTopics.ShopRedact:
                await erasure.EraseAsync(delivery.Shop, delivery.EventId, cancellationToken);
                break;
            case WebhookTopics.CustomersDataRequest or WebhookTopics.CustomersRedact:
                // The app reads no Shopify customer records (its scopes are catalog scopes), so there is nothing to export or erase.
                logger.LogInformation("{Topic} for {Shop}: no Shopify customer data is held", delivery.Topic, delivery.Shop);
                break;
            case WebhookTopics.BulkOperationsFinish:
                logger.LogInformation("Bulk operation finished for {Shop}", delivery.Shop);
                break;
            default:
                logger.LogInformation("Acknowledged webhook with unhandled topic {Topic} for {Shop}", delivery.Topic, delivery.Shop);
                break;
        }
    }

    /// <summary>Null for topics that do not change the catalog.</summary>
    internal static CatalogChange? ToChange(WebhookDelivery delivery)
    {
        var (kind, type) = delivery.Topic switch
        {
            WebhookTopics.ProductsCreate or WebhookTopics.ProductsUpdate or WebhookTopics.ProductsDelete => (ChangeKind.Product, "Product"),
            WebhookTopics.CollectionsCreate or WebhookTopics.CollectionsUpdate or WebhookTopics.CollectionsDelete => (ChangeKind.Collection, "Collection"),
            WebhookTopics.DiscountsCreate or WebhookTopics.DiscountsUpdate or WebhookTopics.DiscountsDelete => (ChangeKind.Discount, "DiscountCodeNode"),
            WebhookTopics.InventoryLevelsUpdate => (ChangeKind.InventoryItem, "InventoryItem"),
            WebhookTopics.ShopUpdate => (ChangeKind.Shop, "Shop"),
            _ => ((ChangeKind?)null, ""),
        };
        if (kind is null) return null;
        var deleted = delivery.Topic.EndsWith("/delete", StringComparison.Ordinal);
        return new CatalogChange(delivery.EventId, kind.Value, IdOf(delivery.Payload, kind.Value, type), deleted);
    }

    private static string? IdOf(string payload, ChangeKind kind, string type)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return null;
        if (kind == ChangeKind.InventoryItem)
            return root.TryGetProperty("inventory_item_id", out var item) && item.TryGetInt64(out var itemId) ? ShopifyIds.Gid(type, itemId) : null;
        if (root.TryGetProperty("admin_graphql_api_id", out var gid) && gid.ValueKind == JsonValueKind.String)
            return gid.GetString();
        return root.TryGetProperty("id", out var id) && id.TryGetInt64(out var numeric) ? ShopifyIds.Gid(type, numeric) : null;
    }
}
