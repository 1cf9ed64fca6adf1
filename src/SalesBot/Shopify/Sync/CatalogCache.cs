using SalesBot.Catalog;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// The last catalog this process published per shop, so an incremental sync edits it in memory
/// instead of re-reading everything. One HEAD checks it is still what storage holds (another instance
/// may have published since); only then is the snapshot downloaded again.
/// </summary>
public sealed class CatalogCache(ISnapshotStore store)
{
    private readonly SnapshotCache<CatalogData> _snapshots = new(store, (bytes, _) => CatalogBytes.Decode(bytes)?.Data);

    public Task<CatalogData?> GetAsync(string shop, CancellationToken cancellationToken) => _snapshots.GetAsync(shop, cancellationToken);

    /// <summary>
    /// What storage holds to compare a fresh read with, only for a run's counts; null when it holds nothing readable (a bad
    /// snapshot is replaced anyway) or cannot be read right now (the publish that follows reports that, and retries).
    /// </summary>
    public async Task<CatalogData?> PreviousAsync(string shop, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(shop, cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or SnapshotStoreException)
        {
            return null;
        }
    }

    public void Remember(string shop, string hash, CatalogData data) => _snapshots.Remember(shop, hash, data);

    public void Forget(string shop) => _snapshots.Forget(shop);
}
