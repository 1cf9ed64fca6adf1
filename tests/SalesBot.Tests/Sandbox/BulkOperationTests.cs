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
        // A level's __parentId names the variant's inventoryItem, the object that owns the inventoryLevels connection, as Shopify writes it.
        var itemIds = variantLines.Select(v => v["inventoryItem"]!["id"]!.GetValue<string>()).ToHashSet();
        Assert.All(lines.Where(l => l["id"]!.GetValue<string>().Contains("/InventoryLevel/")), l => Assert.Contains(l["__parentId"]!.GetValue<string>(), itemIds));

        var current = await client.QueryAsync("{ currentBulkOperation { id status } }");
        Assert.Equal(id, current["data"]!["currentBulkOperation"]!["id"]!.GetValue<string>());

        await server.Sandbox.Webhooks.WhenIdleAsync();
        var finished = Assert.Single(receiver.Requests);
        Assert.Equal("bulk_operations/finish", finished.Headers["X-Shopify-Topic"]);
        Assert.Equal(id, JsonNode.Parse(finished.Body)!["admin_graphql_api_id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Ungrouped_exports_come_in_a_scrambled_order_and_grouped_ones_put_children_right_after_their_parent(bool groupObjects)
    {
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o =>
            o.Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 60, VariantsPerProduct = 2, LargeProducts = 0, Locations = 2 })));
        using var http = new HttpClient();
        var client = new SandboxClient(server, Shop, http);
        var query = "{ products { edges { node { id variants { edges { node { id position inventoryItem { id inventoryLevels { edges { node { id } } } } } } } } } } }";
        var run = await client.QueryAsync("mutation($q: String!, $g: Boolean!) { bulkOperationRunQuery(query: $q, groupObjects: $g) { bulkOperation { id } userErrors { message } } }",
            new { q = query, g = groupObjects });
        var id = run["data"]!["bulkOperationRunQuery"]!["bulkOperation"]!["id"]!.GetValue<string>();
        JsonNode operation;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            operation = (await client.QueryAsync(AdminDocuments.Load("BulkOperationStatus"), new { id }))["data"]!["bulkOperation"]!;
            if (operation["status"]!.GetValue<string>() != "RUNNING") break;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal("COMPLETED", operation["status"]!.GetValue<string>());
        var lines = (await http.GetStringAsync(operation["url"]!.GetValue<string>())).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();

        // Where each owner (product, variant's inventory item) first appears, and how many children came before their owner.
        var seenAt = new Dictionary<string, int>();
        for (var i = 0; i < lines.Count; i++)
        {
            seenAt.TryAdd(lines[i]["id"]!.GetValue<string>(), i);
            if (lines[i]["inventoryItem"]?["id"]?.GetValue<string>() is { } item) seenAt.TryAdd(item, i);
        }
        var early = lines.Select((l, i) => (Parent: l["__parentId"]?.GetValue<string>(), At: i)).Count(c => c.Parent is not null && seenAt[c.Parent] > c.At);
        var products = lines.Where(l => l["__parentId"] is null).Select(l => l["id"]!.GetValue<string>()).ToList();
        if (groupObjects)
        {
            Assert.Equal(0, early);
            Assert.Equal(products.OrderBy(p => long.Parse(p.Split('/')[^1])), products);
        }
        else
        {
            Assert.True(early > lines.Count / 5, $"only {early} of {lines.Count} lines came before their parent");
            Assert.NotEqual(products.OrderBy(p => long.Parse(p.Split('/')[^1])), products);
            // One owner's children keep their connection order (variants by position here).
            foreach (var siblings in lines.Where(l => l["position"] is not null).GroupBy(l => l["__parentId"]!.GetValue<string>()))
                Assert.Equal(siblings.Select(v => v["position"]!.GetValue<int>()).Order(), siblings.Select(v => v["position"]!.GetValue<int>()));
        }
    }
}
