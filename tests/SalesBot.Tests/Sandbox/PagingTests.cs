using System.Text.Json.Nodes;

namespace SalesBot.Tests.Sandbox;

/// <summary>Relay paging with opaque cursors walks every node exactly once; targeted queries show up in the log.</summary>
public sealed class PagingTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Cursor_paging_visits_every_product_and_variant_once()
    {
        var client = fixture.Client("paging-shop.myshopify.com");
        var store = fixture.Server.Sandbox.GetStore(client.Shop);
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await client.QueryAsync("query($after: String) { products(first: 7, after: $after, sortKey: ID) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }", new { after });
            var products = page["data"]!["products"]!;
            seen.AddRange(products["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
            Assert.Equal(products["edges"]!.AsArray().LastOrDefault()?["cursor"]?.GetValue<string>(), products["pageInfo"]!["endCursor"]?.GetValue<string>());
            after = products["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? products["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);

        Assert.Equal(store.Products.Values.Select(p => p.Gid), seen);

        var large = store.Products.Values.First(p => p.Variants.Count >= 100);
        var variants = new List<string>();
        after = null;
        do
        {
            var page = await client.QueryAsync("query V($id: ID!, $after: String) { product(id: $id) { variants(first: 50, after: $after) { pageInfo { hasNextPage endCursor } nodes { id } } } }", new { id = large.Gid, after });
            var connection = page["data"]!["product"]!["variants"]!;
            variants.AddRange(connection["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        } while (after is not null);
        Assert.Equal(large.Variants.Select(v => v.Gid), variants);

        Assert.Contains(fixture.Server.Sandbox.QueryLog(client.Shop), e => e.OperationName is null && e.RequestedCost == 2 + 7 * 1);
        Assert.Equal(3, fixture.Server.Sandbox.QueryLog(client.Shop).Count(e => e.OperationName == "V" && e.RequestedCost == 1 + 2 + 50));
    }

    [Fact]
    public async Task Missing_first_and_bad_cursor_are_errors()
    {
        var client = fixture.Client("paging-errors.myshopify.com");

        var noFirst = await client.QueryAsync("{ products { nodes { id } } }");
        var badCursor = await client.QueryAsync("{ products(first: 2, after: \"not-a-cursor\") { nodes { id } } }");

        Assert.NotNull(noFirst["errors"]);
        Assert.NotNull(badCursor["errors"]);
    }

    [Fact]
    public async Task Actual_cost_counts_what_came_back()
    {
        var client = fixture.Client("paging-cost.myshopify.com");
        var store = fixture.Server.Sandbox.GetStore(client.Shop);
        var collection = store.Collections.Values.First();

        var answer = await client.QueryAsync("query($id: ID!) { collection(id: $id) { id products(first: 250) { nodes { id } } } }", new { id = collection.Gid });

        var cost = answer["extensions"]!["cost"]!;
        Assert.Equal(1 + 2 + 250, cost["requestedQueryCost"]!.GetValue<int>());
        Assert.Equal(1 + 2 + collection.ProductIds.Count, cost["actualQueryCost"]!.GetValue<int>());
        Assert.Equal(collection.ProductIds.Count, ((JsonArray)answer["data"]!["collection"]!["products"]!["nodes"]!).Count);
    }
}
