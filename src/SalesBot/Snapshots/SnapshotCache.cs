using System.Collections.Concurrent;

namespace SalesBot.Snapshots;

/// <summary>
/// What each shop's snapshot parses to, kept in memory: one HEAD says whether storage still holds the object the
/// cached value came from (same ContentHash); only when it does not is the snapshot downloaded and parsed again.
/// Every reader (the sync's editor, the assistant's index) parses the bytes its own way through
/// <paramref name="parse"/>, which gets the bytes and their hash.
/// </summary>
public sealed class SnapshotCache<T>(ISnapshotStore store, Func<byte[], string?, T?> parse) where T : class
{
    private readonly ConcurrentDictionary<string, Entry> _byShop = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The value of what storage holds now; null when it holds nothing for the shop or <paramref name="parse"/> gave
    /// null. Whatever <paramref name="parse"/> throws (bad bytes) reaches the caller, and the cached value stays.
    /// </summary>
    public async Task<T?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        var head = await store.HeadAsync(shop, cancellationToken);
        if (head is null) return null;
        if (_byShop.TryGetValue(shop, out var cached) && head.ContentHash is not null && cached.Hash == head.ContentHash)
            return cached.Value;

        var snapshot = await store.GetAsync(shop, cancellationToken);
        if (snapshot is null) return null;
        var value = parse(snapshot.Content, snapshot.Head.ContentHash);
        // Without a hash the next HEAD could not tell it is the same object, so there is nothing worth keeping.
        if (value is not null && snapshot.Head.ContentHash is { } hash) _byShop[shop] = new Entry(hash, value);
        return value;
    }

    /// <summary>The value this process holds for the shop and the hash it came from, without asking storage.</summary>
    public (string Hash, T Value)? Held(string shop) => _byShop.TryGetValue(shop, out var entry) ? (entry.Hash, entry.Value) : null;

    /// <summary>What this process just published, so the next read needs only the HEAD.</summary>
    public void Remember(string shop, string hash, T value) => _byShop[shop] = new Entry(hash, value);

    public void Forget(string shop) => _byShop.TryRemove(shop, out _);

    private sealed record Entry(string Hash, T Value);
}
