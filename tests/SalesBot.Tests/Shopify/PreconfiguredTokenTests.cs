using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Shopify;

/// <summary>A custom-app token from SHOPIFY_ACCESS_TOKEN_&lt;shop&gt; stands in for OAuth: the shop is synced and polled.</summary>
public class PreconfiguredTokenTests
{
    [Fact]
    public async Task A_shop_configured_by_token_is_polled_and_published_without_an_install()
    {
        const string shop = "custom-app-store.myshopify.com";
        await using var sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 12, LargeProducts = 0 }),
            ThrottleBucketSize = 100_000,
            ThrottleRestoreRate = 100_000,
        });
        var token = sandbox.Sandbox.GetStore(shop).IssueAccessToken("read_products");
        var settings = SalesBotApp.AgainstSandbox(sandbox.ApiOrigin);
        settings["SHOPIFY_ACCESS_TOKEN_custom_app_store_myshopify_com"] = token;
        await using var app = SalesBotApp.Start(settings);

        Assert.Contains(shop, await app.Get<ShopTokenStore>().ListActiveShopsAsync(default));
        Assert.Null(await app.Get<ISnapshotStore>().HeadAsync(shop, default));

        await app.Get<PollingReconciler>().PollAllAsync(default);

        var snapshot = await app.Get<ISnapshotStore>().GetAsync(shop, default);
        Assert.NotNull(snapshot);
        var data = System.Text.Json.JsonSerializer.Deserialize(snapshot.Content, SalesBot.Catalog.CatalogJson.Default.ShopifyData)!;
        Assert.Equal(sandbox.Sandbox.GetStore(shop).Products.Count, data.Data.Products.Nodes.Count);
    }
}
