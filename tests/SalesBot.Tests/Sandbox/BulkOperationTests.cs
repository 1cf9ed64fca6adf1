using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;

namespace SalesBot.Tests.Sandbox;

/// <summary>bulkOperationRunQuery: whole-store JSONL with child lines carrying __parentId, and the finish webhook.</summary>
public sealed class BulkOperationTests
{
    private const string Shop = "bulk-shop.myshopify.com";

    [Fact]
    public async Task Bulk_query_completes_with_jsonl_children_carrying_parent_ids_and_a_finish_webhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o =>
            o.Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 300, VariantsPerProduct = 2, LargeProducts = 1, LargeProductVariants = 120 })));
        using var http = new HttpClient();
        var client = new SandboxClient(server, Shop, http);
        await client.QueryAsync(AdminDocuments.Load("WebhookSubscriptionCreate"), new { topic = "BULK_OPERATIONS_FINISH", uri = receiver.Url });

        var run = await client.QueryAsync(AdminDocuments.Load("BulkOperationRun"), new
        {
            query = "{ products(first: 1) { edges { node { id title variants(first: 1) { edges { node { id price inventoryItem { id inventoryLevels(first: 1) { edges { node { id quantities(names: [\"available\"]) { quantity } } } } } } } } } } } }",
        });
        Assert.Equal(10, run["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        var id = run["data"]!["bulkOperationRunQuery"]!["bulkOperation"]!["id"]!.GetValue<string>();

        JsonNode operation;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            var status = await client.QueryAsync(AdminDocuments.Load("BulkOperationStatus"), new { id });
            operation = status["data"]!["bulkOperation"]!;
            if (operation["status"]!.GetValue<string>() != "RUNNING") break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);

        Assert.Equal("COMPLETED", operation["status"]!.GetValue<string>());
        var lines = (await http.GetStringAsync(operation["url"]!.GetValue<string>())).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var store = server.Sandbox.GetStore(Shop);
        var variants = store.Variants.Count;
        var levels = store.InventoryItems.Values.Sum(i => i.Levels.Count);
        Assert.Equal(store.Products.Count + variants + levels, lines.Count);
        Assert.Equal(lines.Count.ToString(), operation["objectCount"]!.GetValue<string>());

        var products = lines.Where(l => l["__parentId"] is null).ToList();
        Assert.Equal(store.Products.Count, products.Count);
        Assert.All(products, p => Assert.Null(p["variants"]));
        var productIds = products.Select(p => p["id"]!.GetValue<string>()).ToHashSet();
        var variantLines = lines.Where(l => l["id"]!.GetValue<string>().Contains("/ProductVariant/")).ToList();
        Assert.Equal(variants, variantLines.Count);
        Assert.All(variantLines, v => Assert.Contains(v["__parentId"]!.GetValue<string>(), productIds));
        var variantIds = variantLines.Select(v => v["id"]!.GetValue<string>()).ToHashSet();
        Assert.All(lines.Where(l => l["id"]!.GetValue<string>().Contains("/InventoryLevel/")), l => Assert.Contains(l["__parentId"]!.GetValue<string>(), variantIds));

        var current = await client.QueryAsync("{ currentBulkOperation { id status } }");
        Assert.Equal(id, current["data"]!["currentBulkOperation"]!["id"]!.GetValue<string>());

        await server.Sandbox.Webhooks.WhenIdleAsync();
        var finished = Assert.Single(receiver.Requests);
        Assert.Equal("bulk_operations/finish", finished.Headers["X-Shopify-Topic"]);
        Assert.Equal(id, JsonNode.Parse(finished.Body)!["admin_graphql_api_id"]!.GetValue<string>());
    }
}
