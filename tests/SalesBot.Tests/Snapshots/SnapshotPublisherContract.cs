using System.Text.Json;
using SalesBot.Catalog;
using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Snapshots;

/// <summary>
/// What a publish must do whatever the backend: upload once, skip an unchanged catalog, keep and retry a
/// failed publish until it lands (also across a restart), and let the newest catalog win.
/// </summary>
public abstract class SnapshotPublisherContract : IAsyncLifetime
{
    private static readonly TimeSpan RetryTimeout = TimeSpan.FromSeconds(30);

    protected string DataDir { get; } = Directory.CreateTempSubdirectory("snapshots-").FullName;

    protected abstract ISnapshotStore Store { get; }

    /// <summary>Writes the backend received since <see cref="ResetWrites"/>.</summary>
    protected abstract int Writes { get; }

    protected abstract void ResetWrites();

    protected abstract Task TakeStoreDownAsync(string shop);

    protected abstract Task BringStoreUpAsync(string shop);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static byte[] Bytes(ShopifyData data) => JsonSerializer.SerializeToUtf8Bytes(data, CatalogJson.Default.ShopifyData);

    [Fact]
    public async Task First_publish_uploads_the_exact_callback_bytes_with_the_hash_and_announces_it()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir);
        var shop = CatalogSamples.NewShop();
        var data = CatalogSamples.Catalog(shop);
        await using var published = harness.Notifier.SubscribeAsync(CancellationToken.None).GetAsyncEnumerator();
        var announced = published.MoveNextAsync().AsTask();
        ResetWrites();

        var result = await harness.Publisher.PublishAsync(shop, data, CancellationToken.None);

        Assert.Equal(PublishResult.Success, result.Status);
        Assert.True(result.Uploaded);
        Assert.Contains($"for {shop} ({Bytes(data).Length} bytes)", result.Message);
        Assert.StartsWith("Uploaded data to ", result.Message);
        Assert.Equal(1, Writes);
        var stored = await Store.GetAsync(shop, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(Bytes(data), stored.Content);
        Assert.Equal(CatalogHasher.Hash(data), stored.Head.ContentHash);
        Assert.Equal(result.Hash, stored.Head.ContentHash);
        Assert.True(await announced.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(new { Shop = shop, Hash = result.Hash }, new { published.Current.Shop, published.Current.Hash });
        var state = await harness.StateAsync(shop);
        Assert.Equal(result.Hash, state?.PublishedHash);
        Assert.Equal(Bytes(data).Length, state?.PublishedBytes);
        Assert.Null(state?.PendingHash);
    }

    [Fact]
    public async Task Same_catalog_again_is_unchanged_and_writes_nothing()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir);
        var shop = CatalogSamples.NewShop();
        var data = CatalogSamples.Catalog(shop);
        await harness.Publisher.PublishAsync(shop, data, CancellationToken.None);
        ResetWrites();

        var again = await harness.Publisher.PublishAsync(shop, data with { Extensions = null }, CancellationToken.None);

        Assert.Equal(PublishResult.Success, again.Status);
        Assert.Equal("No upload needed: Data unchanged", again.Message);
        Assert.False(again.Uploaded);
        Assert.Equal(0, Writes);
    }

    [Fact]
    public async Task Reordered_but_equal_catalog_is_unchanged()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir);
        var shop = CatalogSamples.NewShop();
        var data = CatalogSamples.Catalog(shop);
        await harness.Publisher.PublishAsync(shop, data, CancellationToken.None);
        ResetWrites();

        var again = await harness.Publisher.PublishAsync(shop, CatalogSamples.Reordered(data), CancellationToken.None);

        Assert.Equal(PublishResult.UnchangedMessage, again.Message);
        Assert.Equal(0, Writes);
        Assert.Equal(Bytes(data), (await Store.GetAsync(shop, CancellationToken.None))!.Content);
    }

    [Fact]
    public async Task Changed_product_writes_exactly_once()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir);
        var shop = CatalogSamples.NewShop();
        var data = CatalogSamples.Catalog(shop);
        await harness.Publisher.PublishAsync(shop, data, CancellationToken.None);
        var changed = CatalogSamples.WithPrice(data, product: 2, price: 9.99m);
        ResetWrites();

        var result = await harness.Publisher.PublishAsync(shop, changed, CancellationToken.None);

        Assert.True(result.Uploaded);
        Assert.Equal(1, Writes);
        Assert.NotEqual(CatalogHasher.Hash(data), result.Hash);
        Assert.Equal(Bytes(changed), (await Store.GetAsync(shop, CancellationToken.None))!.Content);
    }

    [Fact]
    public async Task Concurrent_publishes_of_one_shop_do_not_interleave()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir);
        var shop = CatalogSamples.NewShop();
        var data = CatalogSamples.Catalog(shop);
        ResetWrites();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => harness.Publisher.PublishAsync(shop, data, CancellationToken.None)));

        // Serialized per shop: the first uploads, every later one sees its hash in the HEAD.
        Assert.Equal(1, Writes);
        Assert.Single(results, r => r.Uploaded);
        Assert.Equal(5, results.Count(r => r.Message == PublishResult.UnchangedMessage));
    }

    [Fact]
    public async Task Store_down_during_publish_then_up_completes_the_pending_publish_by_itself()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir);
        var shop = CatalogSamples.NewShop();
        var data = CatalogSamples.Catalog(shop);
        await TakeStoreDownAsync(shop);
        try
        {
            var failed = await harness.Publisher.PublishAsync(shop, data, CancellationToken.None);

            Assert.Equal(PublishResult.Failed, failed.Status);
            Assert.True(failed.RetryScheduled);
            Assert.Contains("retried in the background", failed.Message);
            var pending = await harness.StateAsync(shop);
            Assert.Equal(failed.Hash, pending?.PendingHash);
            Assert.NotNull(pending?.LastError);
            Assert.Equal(1, await harness.PendingRowsAsync(shop));
            // Still down: the retrier keeps trying and counting, and keeps the catalog.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while ((await harness.StateAsync(shop))!.PendingAttempts < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.True((await harness.StateAsync(shop))!.PendingAttempts >= 2);
            Assert.Equal(1, await harness.PendingRowsAsync(shop));
        }
        finally
        {
            await BringStoreUpAsync(shop);
        }

        var done = await harness.WaitUntilPublishedAsync(shop, CatalogHasher.Hash(data), RetryTimeout);

        Assert.Null(done.LastError);
        Assert.Equal(0, await harness.PendingRowsAsync(shop));
        Assert.Equal(Bytes(data), (await Store.GetAsync(shop, CancellationToken.None))!.Content);
    }

    [Fact]
    public async Task Pending_publish_resumes_after_a_restart()
    {
        var shop = CatalogSamples.NewShop();
        var data = CatalogSamples.Catalog(shop);
        await TakeStoreDownAsync(shop);
        try
        {
            await using var before = await PublisherHarness.StartAsync(Store, DataDir, retrying: false);
            var failed = await before.Publisher.PublishAsync(shop, data, CancellationToken.None);
            Assert.Equal(PublishResult.Failed, failed.Status);
        }
        finally
        {
            await BringStoreUpAsync(shop);
        }

        await using var after = await PublisherHarness.StartAsync(Store, DataDir);
        await after.WaitUntilPublishedAsync(shop, CatalogHasher.Hash(data), RetryTimeout);

        Assert.Equal(Bytes(data), (await Store.GetAsync(shop, CancellationToken.None))!.Content);
    }

    [Fact]
    public async Task Newer_publish_supersedes_the_pending_one()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir, retrying: false);
        var shop = CatalogSamples.NewShop();
        var older = CatalogSamples.Catalog(shop);
        var newer = CatalogSamples.WithPrice(older, product: 1, price: 5m);
        await TakeStoreDownAsync(shop);
        try
        {
            await harness.Publisher.PublishAsync(shop, older, CancellationToken.None);
            await harness.Publisher.PublishAsync(shop, newer, CancellationToken.None);

            var state = await harness.StateAsync(shop);
            Assert.Equal(CatalogHasher.Hash(newer), state?.PendingHash);
            Assert.Equal(2, state?.PendingAttempts);
            Assert.Equal(1, await harness.PendingRowsAsync(shop));
        }
        finally
        {
            await BringStoreUpAsync(shop);
        }

        var retried = await harness.Publisher.RetryPendingAsync(shop, CancellationToken.None);

        Assert.True(retried?.Uploaded);
        Assert.Equal(Bytes(newer), (await Store.GetAsync(shop, CancellationToken.None))!.Content);
        Assert.Null(await harness.Publisher.RetryPendingAsync(shop, CancellationToken.None));
    }
}
