using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Auth;
using SalesBot.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Shopify;

/// <summary>The merchant's install, end to end over loopback: the app on Kestrel, the sandbox as Shopify.</summary>
public class InstallFlowTests
{
    private const string Shop = "big-store.myshopify.com";

    [Fact]
    public Task Install_of_a_large_store_reads_products_with_one_bulk_operation() => InstallsWholeCatalogAsync(bulkThreshold: 250, expectedMode: "bulk");

    [Fact]
    public Task Install_with_bulk_off_pages_through_everything_and_merges_every_page() => InstallsWholeCatalogAsync(bulkThreshold: -1, expectedMode: "paged");

    private static async Task InstallsWholeCatalogAsync(int bulkThreshold, string expectedMode)
    {
        await using var sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec
            {
                Products = 600, VariantsPerProduct = 3, LargeProducts = 3, LargeProductVariants = 120,
                Collections = 300, Discounts = 5, LargeDiscounts = 1, LargeDiscountCodes = 150, Locations = 4,
            }),
            ThrottleBucketSize = 100_000,
            ThrottleRestoreRate = 100_000,
        });
        var settings = SalesBotApp.AgainstSandbox(sandbox.ApiOrigin);
        settings["SHOPIFY_BULK_THRESHOLD"] = bulkThreshold.ToString();
        await using var app = SalesBotApp.Start(settings);
        using var browser = app.Browser();

        var (status, body) = await InstallFlow.InstallAsync(browser, "big-store");

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(expectedMode, body["shopify_data"]!["extensions"]!["mode"]!.GetValue<string>());
        var store = sandbox.Sandbox.GetStore(Shop);
        var data = body["shopify_data"]!["data"]!;
        var products = data["products"]!["nodes"]!.AsArray();
        Assert.Equal(store.Products.Count, products.Count);
        Assert.True(products.Count >= 600);
        foreach (var product in products)
        {
            var id = long.Parse(product!["id"]!.GetValue<string>().Split('/')[^1]);
            var expected = store.Products[id];
            var variants = product["variants"]!["nodes"]!.AsArray();
            Assert.Equal(expected.Variants.Count, variants.Count);
            Assert.Equal(expected.Media.Count, product["media"]!["nodes"]!.AsArray().Count);
            Assert.Null(product["variants"]!["pageInfo"]);
            foreach (var variant in variants)
            {
                var variantId = long.Parse(variant!["id"]!.GetValue<string>().Split('/')[^1]);
                var expectedVariant = expected.Variants.Single(v => v.Id == variantId);
                var levels = variant["inventoryItem"]!["inventoryLevels"]!["nodes"]!.AsArray();
                Assert.Equal(expectedVariant.InventoryItem.Levels.Count, levels.Count);
                Assert.Equal(expectedVariant.Price, decimal.Parse(variant["price"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            }
            Assert.Equal(expected.Variants.Select(v => v.Id), variants.Select(v => long.Parse(v!["id"]!.GetValue<string>().Split('/')[^1])));
        }
        Assert.Contains(products, p => p!["variants"]!["nodes"]!.AsArray().Count >= 120);

        var collections = data["collections"]!["nodes"]!.AsArray();
        Assert.Equal(store.Collections.Count, collections.Count);
        Assert.True(collections.Count >= 300);
        foreach (var collection in collections)
        {
            var id = long.Parse(collection!["id"]!.GetValue<string>().Split('/')[^1]);
            Assert.Equal(store.Collections[id].ProductIds.Count, collection["products"]!["nodes"]!.AsArray().Count);
        }

        var discounts = data["codeDiscountNodes"]!["nodes"]!.AsArray();
        Assert.Equal(store.Discounts.Count, discounts.Count);
        Assert.Contains(discounts, d => d!["codeDiscount"]!["codes"]!["nodes"]!.AsArray().Count >= 150);
        Assert.Equal(["DiscountCodeBasic", "DiscountCodeBxgy", "DiscountCodeFreeShipping"],
            discounts.Select(d => d!["codeDiscount"]!["__typename"]!.GetValue<string>()).Distinct().Order().ToArray());

        Assert.Equal("big-store", data["shop"]!["name"]!.GetValue<string>());
        Assert.Equal("success", body["upload_status_result"]!["status"]!.GetValue<string>());
        Assert.Equal("success", body["webhook_test"]!["status"]!.GetValue<string>());
        Assert.Equal("success", body["polling_test"]!["status"]!.GetValue<string>());
        var extensions = body["shopify_data"]!["extensions"]!;
        Assert.True(extensions["queries"]!.GetValue<int>() > (expectedMode == "bulk" ? 3 : 10));
        Assert.True(extensions["actualCost"]!.GetValue<long>() > 0);

        // The token is masked in the answer and stored encrypted, never in clear.
        var masked = body["token_data"]!["access_token"]!.GetValue<string>();
        Assert.Matches("^shpat_…[0-9a-f]{4}$", masked);
        var token = await app.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default);
        Assert.NotNull(token);
        Assert.DoesNotContain(token, body.ToJsonString());
        var row = await app.Get<ShopTokenStore>().FindAsync(Shop, default);
        Assert.DoesNotContain(token, row!.ProtectedAccessToken);

        // The snapshot's bytes are the callback's shopify_data.
        var snapshot = await app.Get<ISnapshotStore>().GetAsync(Shop, default);
        Assert.True(JsonNode.DeepEquals(body["shopify_data"], JsonNode.Parse(snapshot!.Content)));
    }

    [Fact]
    public async Task Install_survives_throttling_and_429_and_still_returns_everything()
    {
        await using var sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 60, VariantsPerProduct = 3, LargeProducts = 1, LargeProductVariants = 110, Collections = 8 }),
            ThrottleBucketSize = 400,
            ThrottleRestoreRate = 400,
            FailEveryNthRequest = 5,
        });
        await using var app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(sandbox.ApiOrigin));
        using var browser = app.Browser();

        var (status, body) = await InstallFlow.InstallAsync(browser, "big-store");

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var store = sandbox.Sandbox.GetStore(Shop);
        Assert.True(store.ThrottledCount > 0, "the bucket never ran dry; the test did not exercise THROTTLED");
        Assert.True(sandbox.Sandbox.TooManyRequestsCount > 0, "no 429 was served");
        var data = body["shopify_data"]!["data"]!;
        Assert.Equal(store.Products.Count, data["products"]!["nodes"]!.AsArray().Count);
        Assert.Equal(store.Products.Values.Sum(p => p.Variants.Count),
            data["products"]!["nodes"]!.AsArray().Sum(p => p!["variants"]!["nodes"]!.AsArray().Count));
        Assert.Equal(store.Collections.Count, data["collections"]!["nodes"]!.AsArray().Count);
        Assert.True(body["shopify_data"]!["extensions"]!["retries"]!.GetValue<int>() > 0);
    }
}
