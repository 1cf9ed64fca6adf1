using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Assistant;
using SalesBot.Catalog;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Assistant;

/// <summary>The in-memory catalog follows the snapshot store: at most one HEAD per 30 s, a new index when the hash changes.</summary>
public sealed class CatalogProviderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "salesbot-catalog-" + Guid.NewGuid().ToString("N"));
    private readonly CountingStore _store;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly SnapshotNotifier _notifier = new();
    private readonly CatalogProvider _provider;

    public CatalogProviderTests()
    {
        _store = new CountingStore(new LocalFolderSnapshotStore(_root));
        _provider = new CatalogProvider(_store, _time, NullLogger<CatalogProvider>.Instance, _notifier);
    }

    public void Dispose()
    {
        _provider.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }

    private Task PublishAsync(ShopifyData data, string hash) =>
        _store.PutAsync(TestCatalog.Shop, JsonSerializer.SerializeToUtf8Bytes(data, CatalogJson.Default.ShopifyData), hash, default);

    private static ShopifyData Renamed(string title)
    {
        var data = TestCatalog.Create();
        var products = data.Data.Products.Nodes.Select((p, i) => i == 0 ? p with { Title = title } : p).ToList();
        return data with { Data = data.Data with { Products = new(products) } };
    }

    [Fact]
    public async Task No_snapshot_means_no_catalog()
    {
        Assert.Null(await _provider.GetAsync(TestCatalog.Shop, default));
    }

    [Fact]
    public async Task Checks_at_most_every_30_seconds_and_reloads_only_when_the_hash_changes()
    {
        await PublishAsync(TestCatalog.Create(), "h1");
        var first = await _provider.GetAsync(TestCatalog.Shop, default);
        await PublishAsync(Renamed("Ocean Blue Shirt v2"), "h2");

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Same(first, await _provider.GetAsync(TestCatalog.Shop, default));
        Assert.Equal(1, _store.Heads);

        _time.Advance(TimeSpan.FromSeconds(25));
        var second = await _provider.GetAsync(TestCatalog.Shop, default);
        Assert.Equal("Ocean Blue Shirt v2", second!.Products[0].Product.Title);
        Assert.Equal((2, 2), (_store.Heads, _store.Gets));

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.Same(second, await _provider.GetAsync(TestCatalog.Shop, default));
        Assert.Equal((3, 2), (_store.Heads, _store.Gets));
    }

    [Fact]
    public async Task A_publish_notification_refreshes_at_once()
    {
        await PublishAsync(TestCatalog.Create(), "h1");
        await _provider.GetAsync(TestCatalog.Shop, default);
        await PublishAsync(Renamed("Fresh Shirt"), "h2");

        _notifier.Notify(new SnapshotPublished(TestCatalog.Shop, SnapshotKeys.For(TestCatalog.Shop), "h2", 1, _time.GetUtcNow()));

        // The notification arrives on the provider's subscription a moment later; the clock does not move, so only it can refresh.
        var title = "";
        for (var i = 0; i < 100 && title != "Fresh Shirt"; i++)
        {
            await Task.Delay(20);
            title = (await _provider.GetAsync(TestCatalog.Shop, default))!.Products[0].Product.Title;
        }
        Assert.Equal("Fresh Shirt", title);
    }

    [Fact]
    public async Task A_large_catalog_loads_through_the_heap_relief_and_is_the_one_turns_get()
    {
        // From HeapRelief.LargeCatalog products on, the load yields and gives its garbage back before returning.
        var data = SyntheticCatalog.Create(HeapRelief.LargeCatalog);
        await PublishAsync(data, "large");

        var index = await _provider.GetAsync(TestCatalog.Shop, default);

        Assert.NotNull(index);
        Assert.Equal(new CatalogIndex(data).Products.Select(p => p.Product.Id), index.Products.Select(p => p.Product.Id));
        Assert.Same(index, await _provider.GetAsync(TestCatalog.Shop, default));
        Assert.Equal(1, _store.Gets);
    }

    private sealed class CountingStore(ISnapshotStore inner) : ISnapshotStore
    {
        public int Heads;
        public int Gets;
        public string Kind => inner.Kind;
        public Task<SnapshotHead?> HeadAsync(string shop, CancellationToken cancellationToken) { Heads++; return inner.HeadAsync(shop, cancellationToken); }
        public Task<SnapshotObject?> GetAsync(string shop, CancellationToken cancellationToken) { Gets++; return inner.GetAsync(shop, cancellationToken); }
        public Task PutAsync(string shop, ReadOnlyMemory<byte> json, string contentHash, CancellationToken cancellationToken) => inner.PutAsync(shop, json, contentHash, cancellationToken);
        public Task DeleteAsync(string shop, CancellationToken cancellationToken) => inner.DeleteAsync(shop, cancellationToken);
        public Task CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);
    }
}
