using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Tests.Snapshots;
using Xunit.Abstractions;

namespace SalesBot.Tests.Webhooks;

/// <summary>
/// A bulk edit (hundreds of products changed at once) against a sandbox that prices and refuses queries
/// the way Shopify does: the live sync keeps up, and a read Shopify refuses is recorded, not retried in a loop.
/// </summary>
public sealed class BurstSyncTests(S3rverFixture s3, ITestOutputHelper output) : IClassFixture<S3rverFixture>
{
    private const int SingleQueryLimit = 1000;

    private static readonly CatalogGeneratorSpec BigStore = new()
    {
        Products = 520, VariantsPerProduct = 2, LargeProducts = 0, Collections = 3, Discounts = 2, LargeDiscounts = 0, Locations = 2,
    };

    [Theory]
    [InlineData(null)] // default threshold: a batch of 500 products is re-read in full (a bulk export for a store this size)
    [InlineData("-1")] // bulk exports off: every product is re-read by id, in queries sized by their cost
    public async Task Five_hundred_products_edited_in_one_burst_all_reach_the_snapshot_within_a_minute(string? bulkThreshold)
    {
        var settings = new Dictionary<string, string?> { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:01" };
        if (bulkThreshold is not null) settings["SHOPIFY_BULK_THRESHOLD"] = bulkThreshold;
        await using var live = await LiveShop.StartAsync(s3, settings, catalog: BigStore);
        await live.InstallAsync();
        var mark = live.QueryCount;

        // A bulk price edit: one products/update per product, some products edited twice (more deliveries than products).
        var edited = live.Store.Products.Values.Take(500).ToList();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(edited, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (product, _) =>
        {
            var variant = product.Variants[0];
            await live.AdminAsync(HttpMethod.Patch, $"variants/{variant.Id}", new { price = variant.Price + 1.50m });
            if (product.Id % 5 == 0) await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = product.Title + " (sale)" });
        });
        var editSeconds = watch.Elapsed.TotalSeconds;

        var expected = edited.ToDictionary(p => p.Gid, p => (p.Title, Price: p.Variants[0].Price, Variant: p.Variants[0].Gid));
        await live.WaitForSnapshotAsync(d =>
        {
            var byId = d.Products.Nodes.ToDictionary(p => p.Id);
            return expected.All(e => byId.TryGetValue(e.Key, out var p) && p.Title == e.Value.Title
                && p.Variants.Nodes.Single(v => v.Id == e.Value.Variant).Price == e.Value.Price);
        }, "all 500 edits", seconds: 60);
        output.WriteLine($"threshold {bulkThreshold ?? "default"}: edits sent in {editSeconds:0.0}s, all in the snapshot after {watch.Elapsed.TotalSeconds:0.0}s");

        var log = live.Sandbox.Sandbox.QueryLog(live.Shop).Skip(mark).ToList();
        var byIds = log.Where(q => q.OperationName == "ProductsByIds").ToList();
        output.WriteLine($"{log.Count} queries since install: {byIds.Count} ProductsByIds (max requested {byIds.Select(q => q.RequestedCost).DefaultIfEmpty().Max()}), "
            + string.Join(", ", log.GroupBy(q => q.OperationName).Select(g => $"{g.Key} ×{g.Count()}")));
        // Sized by cost: at most one probe per document goes over Shopify's limit, every other query fits.
        Assert.All(log.GroupBy(q => q.OperationName), g => Assert.True(g.Count(q => q.RequestedCost > SingleQueryLimit) <= 1, $"{g.Key} refused more than once"));
        if (bulkThreshold is null)
            Assert.Contains(log, q => q.OperationName == "BulkOperationRun");
        else
            // Each product read once (a handful per query), not re-read batch after failing batch.
            Assert.InRange(byIds.Sum(q => q.RequestedCost <= SingleQueryLimit ? 1 : 0), 500 / 5, 500 / 3 + 20);

        // Nothing was left for later: every delivery is applied and none failed. The sync run records its status just
        // after it publishes, so the section may trail the snapshot by a moment.
        var status = await StatusAsync(live);
        for (var wait = Stopwatch.StartNew(); status["sync"] is null && wait.Elapsed < TimeSpan.FromSeconds(10); status = await StatusAsync(live))
            await Task.Delay(100);
        Assert.NotNull(status["sync"]);
        Assert.Null(status["sync"]!["lastFailure"]);
    }

    [Fact]
    public async Task A_read_Shopify_refuses_is_recorded_on_status_the_rest_is_applied_and_nothing_loops()
    {
        await using var live = await LiveShop.StartAsync(s3, new Dictionary<string, string?> { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:01" });
        await live.InstallAsync();
        var mark = live.QueryCount;

        // In one debounce window: a delivery naming an id Shopify refuses (not a global id), and a real collection edit.
        var bad = Guid.NewGuid().ToString();
        using (var response = await live.PostWebhookAsync("products/update", new JsonObject { ["id"] = 1, ["admin_graphql_api_id"] = "52048166948" }, bad))
            response.EnsureSuccessStatusCode();
        var collection = live.Store.Collections.Values.First();
        var title = collection.Title + " (renamed)";
        await live.AdminAsync(HttpMethod.Patch, $"collections/{collection.Id}", new { title });

        await live.WaitForSnapshotAsync(d => d.Collections.Nodes.Single(c => c.Id == collection.Gid).Title == title, "the collection edit");
        await live.WaitProcessedAsync(bad);
        var failed = await live.DeliveryAsync(bad);
        Assert.Contains("Invalid global id", failed!.LastError);

        var failure = (await StatusAsync(live))["sync"]!["lastFailure"]!;
        Assert.Contains("Invalid global id", failure["error"]!.GetValue<string>());
        Assert.True(DateTimeOffset.UtcNow - failure["at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromMinutes(1));
        Assert.Equal(1, failure["unapplied"]!.GetValue<int>());
        Assert.DoesNotContain("shpat_", (await StatusAsync(live)).ToJsonString());

        // Not retried: no further read of it, neither now nor after a restart.
        int Reads() => live.OperationsSince(mark).Count(o => o == "ProductsByIds");
        Assert.Equal(1, Reads());
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.Equal(1, Reads());
        await live.RestartAppAsync(new Dictionary<string, string?> { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:01" });
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, Reads());
        Assert.NotNull((await StatusAsync(live))["sync"]!["lastFailure"]);
    }

    private static async Task<JsonObject> StatusAsync(LiveShop live)
    {
        var http = await live.MerchantAsync();
        return (await http.GetFromJsonAsync<JsonObject>($"/shopify/{live.ShopName}/status"))!;
    }
}
