using SalesBot.Sandbox.Shopify;

namespace SalesBot.Tests.Sandbox;

/// <summary>
/// The sandbox prices the app's own documents by Shopify's calculated query cost (objects 1, scalars and enums 0,
/// connections 2 + first or last × the cost of one child, one node per id for <c>nodes(ids:)</c>) and refuses
/// what Shopify refuses, so the app's sizing is tested against the real rules.
/// </summary>
public sealed class QueryCostTests : IAsyncLifetime
{
    private ShopifySandboxServer _server = null!;
    private readonly HttpClient _http = new();
    // One product of ProductFields with the app's default nested sizes (media 5, variants 10, levels 3):
    // product 1 + options 1 + priceRangeV2 (1 + 1 + 1) + media (2 + 5 × (1 + image 1))
    // + variants (2 + 10 × (1 + selectedOptions 1 + media (2 + 1 × 2) + inventoryItem (1 + levels (2 + 3 × (1 + location 1 + quantities 1)))))
    // = 1 + 1 + 3 + 12 + 182 = 199.
    private const int ProductCost = 199;

    // A bucket that never runs dry, so only the single-query limit can refuse.
    public async Task InitializeAsync() => _server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o =>
    {
        o.ThrottleBucketSize = 100_000;
        o.ThrottleRestoreRate = 100_000;
    }));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private SandboxClient Client() => new(_server, SandboxClient.DefaultShop, _http);

    [Theory]
    [InlineData(1, false)]
    [InlineData(5, false)]
    [InlineData(10, true)]
    public async Task ProductsByIds_costs_199_per_product_and_more_than_1000_is_refused(int count, bool refused)
    {
        var client = Client();
        var ids = _server.Sandbox.GetStore(client.Shop).Products.Values.Take(count).Select(p => p.Gid).ToArray();

        var answer = await client.QueryAsync(AdminDocuments.Load("ProductsByIds"), new { ids, mediaFirst = 5, variantsFirst = 10, levelsFirst = 3 });

        Assert.Equal(count * ProductCost, answer["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
        if (refused)
        {
            Assert.Equal("MAX_COST_EXCEEDED", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            Assert.Null(answer["data"]);
        }
        else
        {
            Assert.Null(answer["errors"]);
            Assert.Equal(count, answer["data"]!["nodes"]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task A_connection_read_backwards_is_priced_by_last()
    {
        var client = Client();

        var answer = await client.QueryAsync("{ products(last: 4) { nodes { id variants(last: 3) { nodes { id } } } } }");

        // 2 + 4 × (1 + 2 + 3 × 1)
        Assert.Equal(26, answer["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_mutation_costs_10()
    {
        var client = Client();

        var answer = await client.QueryAsync("mutation { webhookSubscriptionDelete(id: \"gid://shopify/WebhookSubscription/999999\") { deletedWebhookSubscriptionId } }");

        Assert.Equal(10, answer["extensions"]!["cost"]!["requestedQueryCost"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_id_variable_that_is_not_a_global_id_fails_the_whole_request_like_shopify()
    {
        var client = Client();
        var good = _server.Sandbox.GetStore(client.Shop).Products.Values.First().Gid;

        var answer = await client.QueryAsync("query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { good, "52048166948" } });
        var unknown = await client.QueryAsync("query Q($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = new[] { "gid://shopify/Product/999999999" } });

        var error = answer["errors"]![0]!;
        Assert.Equal("Variable $ids of type [ID!]! was provided invalid value for 1 (Invalid global id `52048166948`)", error["message"]!.GetValue<string>());
        Assert.Equal("Invalid global id `52048166948`", error["extensions"]!["problems"]![0]!["explanation"]!.GetValue<string>());
        Assert.Null(answer["data"]);
        Assert.Null(unknown["errors"]);
        Assert.Null(unknown["data"]!["nodes"]![0]);
    }
}
