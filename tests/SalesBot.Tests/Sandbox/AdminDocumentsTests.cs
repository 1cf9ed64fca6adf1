using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Tests.Sandbox;

/// <summary>Every document the app sends runs against the sandbox with real data, over HTTP.</summary>
public sealed class AdminDocumentsTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    // Bulk* documents only run inside bulkOperationRunQuery (no page sizes); the bulk install test covers them end to end.
    public static TheoryData<string> Documents => [.. AdminDocuments.Names.Where(n => !n.StartsWith("Bulk", StringComparison.Ordinal) || n.StartsWith("BulkOperation", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Document_executes_without_errors_and_reports_cost(string name)
    {
        var client = fixture.Client($"docs-{name.ToLowerInvariant()}.myshopify.com");
        var variables = await VariablesAsync(name, client);

        var answer = await client.QueryAsync(AdminDocuments.Load(name), variables);

        Assert.Null(answer["errors"]?.ToJsonString());
        Assert.NotNull(answer["data"]);
        var cost = answer["extensions"]!["cost"]!;
        Assert.True(cost["requestedQueryCost"]!.GetValue<int>() > 0);
        Assert.NotNull(cost["actualQueryCost"]);
        Assert.Equal(1000, cost["throttleStatus"]!["maximumAvailable"]!.GetValue<double>());
        Assert.Equal(100, cost["throttleStatus"]!["restoreRate"]!.GetValue<double>());
        AssertData(name, answer["data"]!.AsObject(), fixture.Server.Sandbox.GetStore(client.Shop));
    }

    private async Task<object> VariablesAsync(string name, SandboxClient client)
    {
        var store = fixture.Server.Sandbox.GetStore(client.Shop);
        var product = store.Products.Values.First();
        var item = product.Variants[0].InventoryItem;
        var collection = store.Collections.Values.First();
        var discount = store.Discounts.Values.First();
        switch (name)
        {
            case "WebhookSubscriptionUpdate" or "WebhookSubscriptionDelete":
                var created = await client.QueryAsync(AdminDocuments.Load("WebhookSubscriptionCreate"), new { topic = "PRODUCTS_UPDATE", uri = "https://example.test/hooks" });
                var id = created["data"]!["webhookSubscriptionCreate"]!["webhookSubscription"]!["id"]!.GetValue<string>();
                return new { id, uri = "https://example.test/other" };
            case "BulkOperationStatus":
                var run = await client.QueryAsync(AdminDocuments.Load("BulkOperationRun"), new { query = "{ products { edges { node { id } } } }" });
                return new { id = run["data"]!["bulkOperationRunQuery"]!["bulkOperation"]!["id"]!.GetValue<string>() };
        }
        return name switch
        {
            "BulkOperationRun" => new { query = "{ products { edges { node { id title variants { edges { node { id price } } } } } } }" },
            "CollectionProductsPage" => new { id = collection.Gid, first = 5 },
            "CollectionsByIds" => new { ids = store.Collections.Values.Take(2).Select(c => c.Gid).ToArray(), collectionProductsFirst = 5 },
            "CollectionsPage" => new { first = 10, collectionProductsFirst = 5 },
            "DiscountCodesPage" => new { id = discount.Gid, first = 50 },
            "DiscountsByIds" => new { ids = store.Discounts.Values.Select(d => d.Gid).ToArray(), codesFirst = 10 },
            "DiscountsPage" => new { first = 10, codesFirst = 10 },
            "InventoryItemProduct" or "InventoryLevelsPage" => new { id = item.Gid, first = 5 },
            "ProductMediaPage" => new { id = product.Gid, first = 5 },
            "ProductVariantsPage" => new { id = product.Gid, first = 50, levelsFirst = 2 },
            "ProductsByIds" => new { ids = store.Products.Values.Take(3).Select(p => p.Gid).ToArray(), mediaFirst = 5, variantsFirst = 10, levelsFirst = 2 },
            "ProductsPage" => new { first = 5, mediaFirst = 5, variantsFirst = 10, levelsFirst = 2 },
            "WebhookSubscriptionCreate" => new { topic = "PRODUCTS_UPDATE", uri = "https://example.test/hooks" },
            "WebhookSubscriptions" => new { first = 10 },
            _ => new { },
        };
    }

    private static void AssertData(string name, JsonObject data, ShopifyStore store)
    {
        var product = store.Products.Values.First();
        switch (name)
        {
            case "Shop":
                Assert.Equal(store.Domain, data["shop"]!["myshopifyDomain"]!.GetValue<string>());
                Assert.Equal(store.Products.Count, data["productsCount"]!["count"]!.GetValue<int>());
                Assert.Equal(store.Collections.Count, data["collectionsCount"]!["count"]!.GetValue<int>());
                break;
            case "ProductsPage":
                var first = data["products"]!["nodes"]![0]!;
                Assert.Equal(product.Gid, first["id"]!.GetValue<string>());
                Assert.Equal(product.Title, first["title"]!.GetValue<string>());
                Assert.True(data["products"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
                Assert.Equal(5, data["products"]!["nodes"]!.AsArray().Count);
                var variant = first["variants"]!["nodes"]![0]!;
                Assert.Equal(product.Variants[0].Price.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), variant["price"]!.GetValue<string>());
                Assert.Equal("available", variant["inventoryItem"]!["inventoryLevels"]!["nodes"]![0]!["quantities"]![0]!["name"]!.GetValue<string>());
                Assert.Equal("IMAGE", first["media"]!["nodes"]![0]!["mediaContentType"]!.GetValue<string>());
                // Absolute, as Shopify's CDN URLs are; the demo store's pictures live on the sandbox's own origin.
                var imageUrl = new Uri(first["media"]!["nodes"]![0]!["image"]!["url"]!.GetValue<string>(), UriKind.Absolute);
                Assert.Equal(product.Media[0].Url, imageUrl.AbsolutePath);
                break;
            case "ProductsByIds":
                Assert.All(data["nodes"]!.AsArray(), n => Assert.Equal("Product", n!["__typename"]!.GetValue<string>()));
                break;
            case "DiscountsByIds":
                var types = data["nodes"]!.AsArray().Select(n => n!["codeDiscount"]!["__typename"]!.GetValue<string>()).ToHashSet();
                Assert.Superset(new HashSet<string> { "DiscountCodeBasic", "DiscountCodeBxgy", "DiscountCodeFreeShipping" }, types);
                Assert.Equal(3, types.Count);
                var bxgy = data["nodes"]!.AsArray().First(n => n!["codeDiscount"]!["__typename"]!.GetValue<string>() == "DiscountCodeBxgy")!["codeDiscount"]!;
                Assert.Equal("DiscountOnQuantity", bxgy["customerGets"]!["value"]!["__typename"]!.GetValue<string>());
                Assert.Equal("DiscountQuantity", bxgy["customerBuys"]!["value"]!["__typename"]!.GetValue<string>());
                break;
            case "InventoryItemProduct":
                Assert.Equal(product.Gid, data["inventoryItem"]!["variant"]!["product"]!["id"]!.GetValue<string>());
                break;
            case "WebhookSubscriptionCreate":
                Assert.Equal("PRODUCTS_UPDATE", data["webhookSubscriptionCreate"]!["webhookSubscription"]!["topic"]!.GetValue<string>());
                Assert.Empty(data["webhookSubscriptionCreate"]!["userErrors"]!.AsArray());
                break;
            case "WebhookSubscriptionDelete":
                Assert.NotNull(data["webhookSubscriptionDelete"]!["deletedWebhookSubscriptionId"]);
                Assert.Empty(store.Webhooks);
                break;
        }
    }
}
