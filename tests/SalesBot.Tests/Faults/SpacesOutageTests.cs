using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Faults;

/// <summary>
/// Spaces down while the merchant edits products (s3rver stopped; its port and objects survive): every publish fails
/// and is retried with the SNAPSHOT_RETRY_* backoff, and once Spaces answers the object is exactly the catalog.
/// </summary>
public sealed class SpacesOutageTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task Products_changed_while_Spaces_is_down_reach_the_object_once_it_is_back_and_it_is_exactly_the_catalog()
    {
        await using var live = await LiveShop.StartAsync(s3, new Dictionary<string, string?> { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:00.050" });
        await live.InstallAsync();
        var since = DateTimeOffset.UtcNow;
        var products = live.Store.Products.Values.ToList();

        await s3.StopAsync();
        try
        {
            await live.AdminAsync(HttpMethod.Patch, $"variants/{products[0].Variants[0].Id}", new { price = products[0].Variants[0].Price + 3m });
            await live.AdminAsync(HttpMethod.Patch, $"products/{products[1].Id}", new { title = products[1].Title + " (outage)" });
            await live.AdminAsync(HttpMethod.Delete, $"products/{products[2].Id}");
            await live.AdminAsync(HttpMethod.Post, "products", new { title = "Made during the outage", variants = new[] { new { price = 12.5m, inventory = 4 } } });
            // Retried while down: several failed attempts, the later ones by the retrier.
            await LiveShop.WaitUntilAsync(async () =>
                (await live.App.Get<SnapshotPublisher>().HistoryAsync(live.Shop, since, default)).Count(h => h.Outcome == PublishResult.Failed && h.Retry) >= 2,
                "retried publishes while Spaces is down", 15);
            var pending = (await live.App.Get<SnapshotPublisher>().StatusAsync(live.Shop, default))!.Pending;
            Assert.NotNull(pending);
            Assert.Contains("unreachable endpoint", pending.LastError);
        }
        finally
        {
            await s3.StartAsync();
        }

        var expected = StoreMirror.Of(live.Store);
        var snapshot = await live.WaitForSnapshotAsync(d => StoreMirror.Of(d).SequenceEqual(expected), "every change made while Spaces was down", 15);
        Assert.Equal(expected, StoreMirror.Of(snapshot));
        await LiveShop.WaitUntilAsync(async () => (await live.App.Get<SnapshotPublisher>().StatusAsync(live.Shop, default))!.Pending is null,
            "the pending publish to clear", 10);
        // A full read of the store finds nothing to upload: the object holds the whole catalog, not just the edits.
        var full = await live.App.Get<FullSync>().ReconcileAsync(live.Shop, default);
        Assert.True(full.Failure is null, full.Failure);
        Assert.False(full.Published!.Uploaded, full.Published.Message);
    }
}
