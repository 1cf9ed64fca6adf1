using SalesBot.Catalog;
using SalesBot.Shopify.Sync;
using SalesBot.Tests.Snapshots;

namespace SalesBot.Tests.Webhooks;

/// <summary>
/// Merchant edits in the sandbox → real signed webhooks → debounced targeted re-reads → the snapshot in
/// s3rver follows, without a full fetch.
/// </summary>
public sealed class IncrementalSyncTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    private static readonly string[] FullFetchOperations = ["ProductsPage", "CollectionsPage", "DiscountsPage"];

    [Fact]
    public async Task Edits_in_the_store_reach_the_snapshot_through_targeted_queries_only()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        var store = live.Store;
        Assert.Contains("ProductsPage", live.OperationsSince(0)); // the install itself did a full fetch
        var afterInstall = live.QueryCount;

        // Product title and a variant's price.
        var product = store.Products.Values.First();
        var variant = product.Variants[0];
        var newTitle = product.Title + " (renamed)";
        var newPrice = variant.Price + 1.25m;
        await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = newTitle });
        await live.AdminAsync(HttpMethod.Patch, $"variants/{variant.Id}", new { price = newPrice });
        Assert.Equal(newTitle, store.Products[product.Id].Title);
        await live.WaitForSnapshotAsync(d => FindProduct(d, product.Gid) is { } p && p.Title == newTitle
            && p.Variants.Nodes.Single(v => v.Id == variant.Gid).Price == newPrice, "the product title and variant price");

        // One inventory level of another product.
        var other = store.Products.Values.Skip(1).First();
        var item = other.Variants[^1].InventoryItem;
        var location = store.Locations[^1];
        var before = item.Levels.FirstOrDefault(l => l.Location == location)?.Available ?? 0;
        var available = before + 17;
        await live.AdminAsync(HttpMethod.Post, "inventory", new { inventoryItemId = item.Id, locationId = location.Id, available });
        await live.WaitForSnapshotAsync(d => FindProduct(d, other.Gid)?.Variants.Nodes.Single(v => v.Id == other.Variants[^1].Gid)
            .InventoryItem?.InventoryLevels.Nodes.SingleOrDefault(l => l.Location.Id == location.Gid)?.Available == available, "the inventory level");

        // A collection and a discount.
        var collection = store.Collections.Values.First();
        var collectionTitle = collection.Title + " (renamed)";
        await live.AdminAsync(HttpMethod.Patch, $"collections/{collection.Id}", new { title = collectionTitle, removeProductIds = collection.ProductIds.Take(1).ToList() });
        var members = store.Collections[collection.Id].ProductIds.Select(id => store.Products[id].Gid).ToList();
        await live.WaitForSnapshotAsync(d => d.Collections.Nodes.SingleOrDefault(c => c.Id == collection.Gid) is { } c
            && c.Title == collectionTitle && c.Products.Nodes.Select(p => p.Id).SequenceEqual(members), "the collection");

        var discount = store.Discounts.Values.First();
        var discountTitle = discount.Title + " (renamed)";
        await live.AdminAsync(HttpMethod.Patch, $"discounts/{discount.Id}", new { title = discountTitle });
        await live.WaitForSnapshotAsync(d => d.CodeDiscountNodes.Nodes.SingleOrDefault(n => n.Id == discount.Gid)?.CodeDiscount.Title == discountTitle, "the discount");

        // A new product appears; deletes remove the item.
        var created = await live.AdminAsync(HttpMethod.Post, "products", new { title = "Brand new thing", variants = new[] { new { price = 3.5m } } });
        var createdGid = created["admin_graphql_api_id"]!.GetValue<string>();
        await live.WaitForSnapshotAsync(d => FindProduct(d, createdGid)?.Title == "Brand new thing", "the created product");

        // A product that belongs to a collection we keep: deleting it sends products/delete only.
        var doomedCollection = store.Collections.Values.Last();
        var doomedProduct = store.Products.Values.Last(p => p.Gid != createdGid && p.Id != product.Id
            && store.Collections.Values.Any(c => c.Id != doomedCollection.Id && c.ProductIds.Contains(p.Id)));
        var doomedDiscount = store.Discounts.Values.Last();
        Assert.NotEqual(discount.Id, doomedDiscount.Id);
        await live.AdminAsync(HttpMethod.Delete, $"products/{doomedProduct.Id}");
        await live.AdminAsync(HttpMethod.Delete, $"collections/{doomedCollection.Id}");
        await live.AdminAsync(HttpMethod.Delete, $"discounts/{doomedDiscount.Id}");
        var final = await live.WaitForSnapshotAsync(d => FindProduct(d, doomedProduct.Gid) is null
            && d.Collections.Nodes.All(c => c.Id != doomedCollection.Gid)
            && d.CodeDiscountNodes.Nodes.All(n => n.Id != doomedDiscount.Gid), "the deletes");

        // The snapshot is the store, item for item.
        Assert.Equal(store.Products.Values.Select(p => p.Gid), final.Products.Nodes.Select(p => p.Id));
        Assert.Equal(store.Collections.Values.Select(c => c.Gid), final.Collections.Nodes.Select(c => c.Id));
        foreach (var kept in store.Collections.Values)
            Assert.Equal(kept.ProductIds.Select(id => store.Products[id].Gid),
                final.Collections.Nodes.Single(c => c.Id == kept.Gid).Products.Nodes.Select(p => p.Id));
        Assert.Equal(store.Discounts.Values.Select(d => d.Gid), final.CodeDiscountNodes.Nodes.Select(d => d.Id));

        // Only targeted reads since the install.
        var operations = live.OperationsSince(afterInstall);
        foreach (var targeted in new[] { "ProductsByIds", "InventoryItemProduct", "CollectionsByIds", "DiscountsByIds" })
            Assert.Contains(targeted, operations);
        foreach (var full in FullFetchOperations)
            Assert.DoesNotContain(full, operations);

        // And the edited catalog is exactly what a full fetch reads now: reconciling changes nothing.
        var reconciled = await live.App.Get<FullSync>().ReconcileAsync(live.Shop, default);
        Assert.Equal("full", reconciled.Mode);
        Assert.False(reconciled.Published!.Uploaded, reconciled.Published.Message);
    }

    [Fact]
    public async Task A_burst_of_edits_is_coalesced_into_one_targeted_query()
    {
        await using var live = await LiveShop.StartAsync(s3, new Dictionary<string, string?> { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:02" });
        await live.InstallAsync();
        var products = live.Store.Products.Values.Take(5).ToList();
        var mark = live.QueryCount;

        foreach (var product in products)
            await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = product.Title + " (burst)" });
        await live.AdminAsync(HttpMethod.Patch, $"products/{products[0].Id}", new { tags = new[] { "burst" } });

        await live.WaitForSnapshotAsync(d => products.All(p => FindProduct(d, p.Gid)?.Title == p.Title)
            && FindProduct(d, products[0].Gid)!.Tags.SequenceEqual(["burst"]), "the burst", seconds: 15);
        var operations = live.OperationsSince(mark);
        Assert.Equal(1, operations.Count(o => o == "ProductsByIds"));
        Assert.DoesNotContain("ProductsPage", operations);
    }

    private static Product? FindProduct(CatalogData data, string gid) => data.Products.Nodes.SingleOrDefault(p => p.Id == gid);
}
