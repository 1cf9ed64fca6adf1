using Microsoft.EntityFrameworkCore;
using SalesBot.Catalog;
using SalesBot.Data;
using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Snapshots;

/// <summary>Snapshots' publish history: one row per upload or failed attempt, none for "unchanged", bounded as it is written.</summary>
public sealed class PublishHistoryTests : IAsyncLifetime
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("publish-history-").FullName;
    private string Folder => Path.Combine(dataDir, "snapshots");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Each_upload_and_each_failed_attempt_is_recorded_with_its_size_and_hash()
    {
        var store = new SwitchableStore(new LocalFolderSnapshotStore(Folder));
        await using var harness = await PublisherHarness.StartAsync(store, dataDir, retrying: false);
        var shop = CatalogSamples.NewShop();
        var first = CatalogSamples.Catalog(shop);
        var second = CatalogSamples.WithPrice(first, 1, 99.5m);

        var uploaded = await harness.Publisher.PublishAsync(shop, first, default);
        await harness.Publisher.PublishAsync(shop, first, default); // unchanged: nothing written, nothing recorded
        store.Down = true;
        var failed = await harness.Publisher.PublishAsync(shop, second, default);
        store.Down = false;
        var again = await harness.Publisher.PublishAsync(shop, second, default);

        var history = await harness.Publisher.HistoryAsync(shop, DateTimeOffset.UtcNow.AddDays(-1), default);
        Assert.Equal([PublishResult.Success, PublishResult.Failed, PublishResult.Success], history.Select(h => h.Outcome).Reverse());
        Assert.Equal([uploaded.Hash, failed.Hash, again.Hash], history.Select(h => h.Hash).Reverse());
        Assert.Equal(CatalogBytes.Encode(second).Length, history[0].Bytes);
        Assert.Equal(CatalogBytes.Encode(first).Length, history[2].Bytes);
        Assert.Equal(SwitchableStore.Reason, history[1].Error);
        Assert.Empty(await harness.Publisher.HistoryAsync(CatalogSamples.NewShop(), DateTimeOffset.MinValue, default));
    }

    [Fact]
    public async Task Writing_a_row_prunes_the_shops_rows_past_thirty_days_and_past_the_cap()
    {
        await using var harness = await PublisherHarness.StartAsync(new LocalFolderSnapshotStore(Folder), dataDir, retrying: false);
        var shop = CatalogSamples.NewShop();
        var neighbour = CatalogSamples.NewShop();
        var now = DateTimeOffset.UtcNow;
        await using (var db = await harness.Database.CreateDbContextAsync())
        {
            db.SnapshotPublishRecords.Add(Row(shop, now - HistoryRetention.Window - TimeSpan.FromHours(1)));
            db.SnapshotPublishRecords.AddRange(Enumerable.Range(0, HistoryRetention.MaxRowsPerShop).Select(i => Row(shop, now.AddMinutes(-HistoryRetention.MaxRowsPerShop + i))));
            db.SnapshotPublishRecords.Add(Row(neighbour, now - HistoryRetention.Window - TimeSpan.FromHours(1)));
            await db.SaveChangesAsync();
        }

        await harness.Publisher.PublishAsync(shop, CatalogSamples.Catalog(shop), default);

        await using (var db = await harness.Database.CreateDbContextAsync())
        {
            var rows = await db.SnapshotPublishRecords.Where(r => r.Shop == shop).OrderBy(r => r.At).ToListAsync();
            Assert.Equal(HistoryRetention.MaxRowsPerShop, rows.Count);
            Assert.True(rows[0].At > now - HistoryRetention.Window, "the 31-day-old row stayed");
            // The oldest of the cap went (SQLite keeps times to 0.1 ms).
            Assert.True((rows[0].At - now.AddMinutes(-HistoryRetention.MaxRowsPerShop + 1)).Duration() < TimeSpan.FromMilliseconds(1), $"oldest kept: {rows[0].At:O}");
            Assert.Equal(1, await db.SnapshotPublishRecords.CountAsync(r => r.Shop == neighbour)); // pruned when the neighbour writes
        }
    }

    /// <summary>A real store whose writes can be switched off, as an outage of the storage service would.</summary>
    private sealed class SwitchableStore(ISnapshotStore inner) : ISnapshotStore
    {
        public const string Reason = "the storage service is unavailable (test outage)";
        public bool Down;

        public string Kind => inner.Kind;
        public Task<SnapshotHead?> HeadAsync(string shop, CancellationToken cancellationToken) => inner.HeadAsync(shop, cancellationToken);
        public Task<SnapshotObject?> GetAsync(string shop, CancellationToken cancellationToken) => inner.GetAsync(shop, cancellationToken);
        public Task DeleteAsync(string shop, CancellationToken cancellationToken) => inner.DeleteAsync(shop, cancellationToken);
        public Task CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);

        public Task PutAsync(string shop, ReadOnlyMemory<byte> json, string contentHash, CancellationToken cancellationToken) =>
            Down ? throw new SnapshotStoreException(Reason) : inner.PutAsync(shop, json, contentHash, cancellationToken);
    }

    private static SnapshotPublishRecord Row(string shop, DateTimeOffset at) =>
        new() { Shop = shop, At = at, Bytes = 10, Hash = new string('a', 64), Outcome = PublishResult.Success };
}
