using Microsoft.Extensions.Logging.Abstractions;
using SalesBot.Catalog;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Sync.Fetch;

namespace SalesBot.TestKit;

/// <summary>
/// The sandbox's generated demo store as the app mirrors it: the catalog sandbox mode generates by default
/// (<see cref="Spec"/>), read over Admin GraphQL by the real <see cref="CatalogFetcher"/>. Deterministic: the same
/// spec gives the same products, handles and prices, so an evaluation set can name them.
/// </summary>
public static class DemoCatalog
{
    public const string Shop = "demo-store.myshopify.com";

    /// <summary>What sandbox mode generates with nothing configured (SANDBOX_PRODUCTS unset: 40 products).</summary>
    public static CatalogGeneratorSpec Spec { get; } = new() { Products = 40, RestrictedDiscounts = true };

    public static async Task<ShopifyData> LoadAsync(CancellationToken cancellationToken = default)
    {
        // A Plus-sized bucket, as sandbox mode gives the demo store, so the fetch takes a second, not a throttle's wait.
        await using var server = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(Spec),
            ThrottleBucketSize = 10_000,
            ThrottleRestoreRate = 1_000,
        }, cancellationToken);
        var token = server.Sandbox.GetStore(Shop).IssueAccessToken("read_products,read_inventory,read_discounts,read_locations,read_product_listings");
        var endpoint = new Uri($"{server.ApiOrigin.Replace("{shop}", Shop)}/admin/api/2026-01/graphql.json");
        using var http = new HttpClient();
        var client = new ShopifyAdminClient(http, endpoint, Shop, token, new ShopThrottle(TimeProvider.System), TimeProvider.System,
            NullLogger<ShopifyAdminClient>.Instance);
        var fetcher = new CatalogFetcher(TimeProvider.System, NullLogger<CatalogFetcher>.Instance);
        return await fetcher.FetchAllAsync(client, FetchSettings.Default with { BulkThreshold = -1 }, cancellationToken);
    }
}
