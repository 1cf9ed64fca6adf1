using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Snapshots;

/// <summary>The publisher contract against the embedded default backend: files under DATA_DIR/snapshots.</summary>
public sealed class LocalFolderPublisherTests : SnapshotPublisherContract
{
    private readonly CountingStore store;

    public LocalFolderPublisherTests() => store = new CountingStore(new LocalFolderSnapshotStore(Path.Combine(DataDir, "snapshots")));

    protected override ISnapshotStore Store => store;
    protected override int Writes => store.Puts;
    protected override void ResetWrites() => store.Puts = 0;

    // A file where the shop's folder belongs makes every write fail with an IOException, even as root.
    protected override Task TakeStoreDownAsync(string shop)
    {
        Directory.CreateDirectory(Path.Combine(DataDir, "snapshots"));
        File.WriteAllText(ShopFolder(shop), "blocked");
        return Task.CompletedTask;
    }

    protected override Task BringStoreUpAsync(string shop)
    {
        File.Delete(ShopFolder(shop));
        return Task.CompletedTask;
    }

    private string ShopFolder(string shop) => Path.Combine(DataDir, "snapshots", shop);

    [Fact]
    public async Task Unwritable_folder_fails_with_a_clear_reason()
    {
        await using var harness = await PublisherHarness.StartAsync(Store, DataDir, retrying: false);
        var shop = CatalogSamples.NewShop();
        await TakeStoreDownAsync(shop);

        var result = await harness.Publisher.PublishAsync(shop, CatalogSamples.Catalog(shop), CancellationToken.None);

        Assert.Equal(PublishResult.Failed, result.Status);
        Assert.StartsWith($"Failed to upload to the local snapshot folder for {shop}: the local snapshot folder cannot be written", result.Message);
    }

    /// <summary>Counts writes the way the S3 tests count PUT requests.</summary>
    private sealed class CountingStore(ISnapshotStore inner) : ISnapshotStore
    {
        public int Puts;

        public string Kind => inner.Kind;
        public Task<SnapshotHead?> HeadAsync(string shop, CancellationToken cancellationToken) => inner.HeadAsync(shop, cancellationToken);
        public Task<SnapshotObject?> GetAsync(string shop, CancellationToken cancellationToken) => inner.GetAsync(shop, cancellationToken);
        public Task DeleteAsync(string shop, CancellationToken cancellationToken) => inner.DeleteAsync(shop, cancellationToken);
        public Task CheckAsync(CancellationToken cancellationToken) => inner.CheckAsync(cancellationToken);

        public Task PutAsync(string shop, ReadOnlyMemory<byte> json, string contentHash, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Puts);
            return inner.PutAsync(shop, json, contentHash, cancellationToken);
        }
    }
}
