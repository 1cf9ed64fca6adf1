using SalesBot.Catalog;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// The catalog side of a publish: Snapshots stores bytes and a hash, the catalog says what they are. The hash is
/// the catalog's canonical hash, so a refetch in another order or with another fetch report uploads nothing.
/// </summary>
public static class CatalogPublishing
{
    public static Task<PublishResult> PublishAsync(this ISnapshotPublisher publisher, string shop, ShopifyData data, CancellationToken cancellationToken) =>
        publisher.PublishAsync(shop, CatalogBytes.Encode(data), CatalogHasher.Hash(data.Data), cancellationToken);

    /// <summary>Publishes and keeps the catalog as the shop's cached one, so the next incremental sync edits it in memory.</summary>
    internal static async Task<SyncOutcome> PublishAsync(this ISnapshotPublisher publisher, CatalogCache cache, string shop, ShopifyData data, string mode, CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAsync(shop, data, cancellationToken);
        cache.Remember(shop, result.Hash, data.Data);
        return new SyncOutcome(mode, data.Extensions?.Queries ?? 0, result);
    }
}
