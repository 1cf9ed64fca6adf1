using SalesBot.Catalog;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// The newest catalog of each shop, to edit in an incremental sync instead of re-reading everything. One HEAD checks
/// the copy this process holds is still what storage holds (another instance may have published since); only then is
/// the snapshot downloaded again. A publish still waiting for storage is newer than anything storage holds, so it
/// comes first; and while storage cannot be reached, the held copy serves when the database says storage has it.
/// Without both, changes made while Spaces is down would be edited onto the old object and lost when it comes back.
/// </summary>
public sealed class CatalogCache(ISnapshotStore store, SnapshotPublisher publisher)
{
    private readonly SnapshotCache<CatalogData> _snapshots = new(store, (bytes, _) => CatalogBytes.Decode(bytes)?.Data);

    public async Task<CatalogData?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        var held = _snapshots.Held(shop);
        if (await publisher.PendingAsync(shop, held?.Hash, cancellationToken) is { } pending)
        {
            if (pending.Content is null) return held!.Value.Value;
            var data = CatalogBytes.Decode(pending.Content)?.Data;
            if (data is not null) _snapshots.Remember(shop, pending.Hash, data);
            return data;
        }
        try
        {
            return await _snapshots.GetAsync(shop, cancellationToken);
        }
        catch (SnapshotStoreException) when (held is not null)
        {
            if (held.Value.Hash != await publisher.PublishedHashAsync(shop, cancellationToken)) throw;
            // Storage holds exactly what we hold (the database says so): edit it; the publish that follows waits and retries.
            return held.Value.Value;
        }
    }

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
