using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Sync;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Faults;

/// <summary>
/// Shopify refusing part of a full read: every third GraphQL request answered 429 with <c>Retry-After</c>, and a
/// burst of 503s, through the sandbox store's fault hooks. The read still ends with the complete catalog.
/// </summary>
public sealed class ShopifyFaultTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Theory]
    [InlineData(null)]   // a store this size is read page by page
    [InlineData("1")]    // and as a bulk export (its polls are GraphQL requests too)
    public async Task A_full_sync_through_429s_and_a_burst_of_503s_ends_with_the_complete_catalog(string? bulkThreshold)
    {
        var settings = new Dictionary<string, string?>();
        if (bulkThreshold is not null) settings["SHOPIFY_BULK_THRESHOLD"] = bulkThreshold;
        await using var live = await LiveShop.StartAsync(s3, settings,
            catalog: new CatalogGeneratorSpec { Products = 40, VariantsPerProduct = 3, Collections = 4, Discounts = 2, Locations = 2 });
        await live.InstallAsync();

        // Changes whose webhooks never came: only the full read can find them.
        var products = live.Store.Products.Values.ToList();
        foreach (var p in products.Take(5))
            await live.AdminAsync(HttpMethod.Patch, $"variants/{p.Variants[1].Id}", new { price = p.Variants[1].Price + 2m }, webhook: false);
        await live.AdminAsync(HttpMethod.Delete, $"products/{products[6].Id}", webhook: false);
        await live.AdminAsync(HttpMethod.Post, "products", new { title = "Added without a webhook", variants = new[] { new { price = 9m, inventory = 2 } } }, webhook: false);

        var sandbox = live.Sandbox.Sandbox;
        var (throttledBefore, failedBefore) = (sandbox.TooManyRequestsCount, sandbox.ServerErrorCount);
        var mark = live.QueryCount;
        sandbox.Options.FailEveryNthRequest = 3;
        sandbox.FailNextRequests(4);
        SyncOutcome sync;
        try
        {
            sync = await live.App.Get<FullSync>().ReconcileAsync(live.Shop, default);
        }
        finally
        {
            sandbox.Options.FailEveryNthRequest = null;
        }

        Assert.True(sync.Failure is null, sync.Failure);
        Assert.True(sandbox.TooManyRequestsCount > throttledBefore, "no 429 was answered: the test did not exercise Retry-After");
        Assert.Equal(failedBefore + 4, sandbox.ServerErrorCount);
        if (bulkThreshold is not null) Assert.Contains("BulkOperationRun", live.OperationsSince(mark));
        var snapshot = await live.SnapshotAsync();
        Assert.Equal(StoreMirror.Of(live.Store), StoreMirror.Of(snapshot!));
    }
}
