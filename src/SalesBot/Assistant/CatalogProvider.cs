using System.Collections.Concurrent;
using System.Text.Json;
using SalesBot.Assistant.Semantic;
using SalesBot.Catalog;
using SalesBot.Snapshots;

namespace SalesBot.Assistant;

/// <summary>
/// Each shop's <see cref="CatalogIndex"/>, loaded from the snapshot store and kept in memory. A
/// turn costs at most one HEAD every <see cref="CheckInterval"/>; a newer ContentHash (or a publish
/// notification) rebuilds the index, while turns keep using the old one until the new one is ready.
/// </summary>
public sealed class CatalogProvider : IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    private readonly SnapshotCache<CatalogIndex> _snapshots;
    private readonly TimeProvider _time;
    private readonly ILogger<CatalogProvider> _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemanticSearch? _semantic;

    public CatalogProvider(ISnapshotStore store, TimeProvider time, ILogger<CatalogProvider> logger, ISnapshotNotifier? notifier = null,
        SemanticSearch? semantic = null)
    {
        _semantic = semantic;
        _snapshots = new SnapshotCache<CatalogIndex>(store, Parse);
        _time = time;
        _logger = logger;
        if (notifier is not null) _ = FollowPublishesAsync(notifier, _stop.Token);
    }

    /// <summary>Marks a shop's index stale as soon as this process publishes a newer snapshot.</summary>
    private async Task FollowPublishesAsync(ISnapshotNotifier notifier, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var published in notifier.SubscribeAsync(cancellationToken))
                if (_entries.TryGetValue(published.Shop, out var entry)) entry.Stale = true;
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    /// <summary>The shop's catalog, or null when nothing has been published for it yet.</summary>
    public async Task<CatalogIndex?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        var entry = _entries.GetOrAdd(shop, _ => new Entry());
        var now = _time.GetUtcNow();
        if (entry.Index is not null && !entry.Stale && now - entry.CheckedAt < CheckInterval) return entry.Index;

        await entry.Gate.WaitAsync(cancellationToken);
        try
        {
            if (entry.Index is not null && !entry.Stale && now - entry.CheckedAt < CheckInterval) return entry.Index;
            entry.Stale = false;
            var index = await _snapshots.GetAsync(shop, cancellationToken);
            entry.CheckedAt = _time.GetUtcNow();
            if (index is null || ReferenceEquals(index, entry.Index)) return entry.Index;
            entry.Index = index;
            // Before the model loads and the products are embedded, so neither peaks on top of the load's garbage. After a
            // yield: until then this code runs inline in the download's own continuation, whose frames still hold the bytes.
            if (index.Products.Count >= HeapRelief.LargeCatalog)
            {
                await Task.Yield();
                HeapRelief.Now();
            }
            // In the background: this turn and the next ones rank by words until the vectors are attached.
            _semantic?.Prepare(shop, index);
            _logger.LogInformation("Loaded the catalog of {Shop}: {Products} products, {Discounts} active codes",
                shop, entry.Index.Products.Count, entry.Index.Discounts.Count);
            return entry.Index;
        }
        catch (JsonException e)
        {
            // A bad snapshot must not take the bot down: keep answering from the last good one.
            entry.CheckedAt = _time.GetUtcNow();
            _logger.LogError(e, "The snapshot of {Shop} could not be read; keeping the previous catalog", shop);
            return entry.Index;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// Drops the shop's index (after an uninstall or an erasure), so nothing of its catalog stays in memory; a turn that
    /// asks again later loads whatever storage then holds.
    /// </summary>
    public void Forget(string shop)
    {
        _entries.TryRemove(shop, out _);
        _snapshots.Forget(shop);
        _semantic?.Forget(shop);
    }

    private static CatalogIndex Parse(byte[] content, string? hash) =>
        new(CompactingCatalogReader.Decode(content) ?? throw new JsonException("The snapshot is empty."), hash);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public volatile CatalogIndex? Index;
        public volatile bool Stale;
        public DateTimeOffset CheckedAt;
    }
}
