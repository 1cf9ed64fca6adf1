using System.Collections.Concurrent;
using System.Text.Json;
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
    private readonly ConcurrentDictionary<string, Entry> _byShop = new(StringComparer.OrdinalIgnoreCase);

    public async Task<CatalogData?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        var head = await store.HeadAsync(shop, cancellationToken);
        if (head is null) return null;
        if (_byShop.TryGetValue(shop, out var cached) && head.ContentHash is not null && cached.Hash == head.ContentHash)
            return cached.Data;

        var snapshot = await store.GetAsync(shop, cancellationToken);
        if (snapshot is null) return null;
        var data = JsonSerializer.Deserialize(snapshot.Content, CatalogJson.Default.ShopifyData)?.Data;
        if (data is not null && snapshot.Head.ContentHash is { } hash) _byShop[shop] = new Entry(hash, data);
        return data;
    }

    public void Remember(string shop, string hash, CatalogData data) => _byShop[shop] = new Entry(hash, data);

    public void Forget(string shop) => _byShop.TryRemove(shop, out _);

    private sealed record Entry(string Hash, CatalogData Data);
}
