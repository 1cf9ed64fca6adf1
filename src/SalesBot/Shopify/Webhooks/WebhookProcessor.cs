using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Turns recorded deliveries into work: catalog topics go to the sync queue, <c>app/uninstalled</c>
/// discards the token, <c>shop/redact</c> erases the shop. At start it first replays what a previous
/// run recorded but never applied.
/// </summary>
public sealed class WebhookProcessor(
    WebhookIngest ingest,
    ShopSyncQueue queue,
    ShopTokenStore tokens,
    ISnapshotStore snapshots,
    CatalogCache cache,
    IDbContextFactory<SalesBotDbContext> db,
    TimeProvider time,
    ILogger<WebhookProcessor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var context = await db.CreateDbContextAsync(stoppingToken))
        {
            var unfinished = await context.WebhookDeliveries.AsNoTracking().Where(d => d.ProcessedAt == null)
                .OrderBy(d => d.ReceivedAt).ToListAsync(stoppingToken);
            if (unfinished.Count > 0) logger.LogInformation("Replaying {Count} webhook deliveries recorded before the last stop", unfinished.Count);
            foreach (var delivery in unfinished) await HandleAsync(delivery, stoppingToken);
        }
        await foreach (var delivery in ingest.Recorded.ReadAllAsync(stoppingToken))
            await HandleAsync(delivery, stoppingToken);
    }

    private async Task HandleAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            if (ToChange(delivery) is { } change)
            {
                queue.Enqueue(delivery.Shop, change);
                return; // marked processed by the queue once applied
            }
            await HandleNonCatalogAsync(delivery, cancellationToken);
            await MarkDoneAsync(delivery.EventId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not process {Topic} for {Shop} ({EventId})", delivery.Topic, delivery.Shop, delivery.EventId);
        }
    }

    private async Task HandleNonCatalogAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        switch (delivery.Topic)
        {
            case WebhookTopics.AppUninstalled:
                await tokens.MarkUninstalledAsync(delivery.Shop, cancellationToken);
                logger.LogInformation("{Shop} uninstalled the app: token discarded, syncing stopped", delivery.Shop);
                break;
            case WebhookTopics.ShopRedact:
                // Publication state first: a pending snapshot holds the whole catalog and its retrier would upload it again.
                await using (var context = await db.CreateDbContextAsync(cancellationToken))
                {
                    await context.PendingSnapshots.Where(p => p.Shop == delivery.Shop).ExecuteDeleteAsync(cancellationToken);
                    await context.SnapshotPublications.Where(p => p.Shop == delivery.Shop).ExecuteDeleteAsync(cancellationToken);
                }
                await snapshots.DeleteAsync(delivery.Shop, cancellationToken);
                cache.Forget(delivery.Shop);
                await tokens.DeleteAsync(delivery.Shop, cancellationToken);
                await using (var context = await db.CreateDbContextAsync(cancellationToken))
                    await context.WebhookDeliveries.Where(d => d.Shop == delivery.Shop && d.EventId != delivery.EventId).ExecuteDeleteAsync(cancellationToken);
                logger.LogInformation("shop/redact: erased everything held for {Shop}, its snapshot included", delivery.Shop);
                break;
            case WebhookTopics.CustomersDataRequest or WebhookTopics.CustomersRedact:
                // The app stores no Shopify customer records, so there is nothing to export or erase.
                logger.LogInformation("{Topic} for {Shop}: no customer data is held", delivery.Topic, delivery.Shop);
                break;
            case WebhookTopics.BulkOperationsFinish:
                logger.LogInformation("Bulk operation finished for {Shop}", delivery.Shop);
                break;
            default:
                logger.LogInformation("Acknowledged webhook with unhandled topic {Topic} for {Shop}", delivery.Topic, delivery.Shop);
                break;
        }
    }

    private async Task MarkDoneAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        await context.WebhookDeliveries.Where(d => d.EventId == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ProcessedAt, now), cancellationToken);
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
