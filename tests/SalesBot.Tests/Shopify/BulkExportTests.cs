using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Sync.Fetch;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Shopify;

/// <summary>
/// The bulk path against the sandbox over loopback: its ungrouped exports come scrambled (children first, levels
/// under the inventory item), so every run here meets the hard case; the download's refusals fall back to pages.
/// </summary>
public sealed class BulkExportTests
{
    private const string Shop = "bulk-export.myshopify.com";

    [Fact]
    public async Task A_scrambled_bulk_export_assembles_to_exactly_the_catalog_a_paged_fetch_returns()
    {
        await using var server = await StartSandboxAsync(new CatalogGeneratorSpec
        {
            Products = 400, VariantsPerProduct = 3, LargeProducts = 2, LargeProductVariants = 120, Collections = 40, Locations = 3, Discounts = 3,
        });
        var bulk = await FetchAsync(server, bulkThreshold: 0);
        var paged = await FetchAsync(server, bulkThreshold: -1);

        Assert.Equal("bulk", bulk.Data.Extensions!.Mode);
        Assert.Equal("paged", paged.Data.Extensions!.Mode);
        var products = paged.Data.Data.Products.Nodes;
        Assert.True(products.Count >= 400);
        Assert.True(products.Sum(p => p.Variants.Nodes.Sum(v => v.InventoryItem!.InventoryLevels.Nodes.Count)) >= 3 * 1400);
        Assert.True(paged.Data.Data.Collections.Nodes.Sum(c => c.Products.Nodes.Count) > 100);
        Assert.Equal(Serialize(paged.Data.Data), Serialize(bulk.Data.Data));

        // The export really was the hard case: children before their parents, levels naming the inventory item.
        var export = server.Sandbox.GetStore(Shop).BulkOperations.Values.OrderBy(o => o.Id).First();
        var lines = System.Text.Encoding.UTF8.GetString(export.Result!).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        var firstSeen = new Dictionary<string, int>();
        for (var i = 0; i < lines.Count; i++)
        {
            firstSeen.TryAdd(lines[i]["id"]!.GetValue<string>(), i);
            if (lines[i]["inventoryItem"]?["id"]?.GetValue<string>() is { } item) firstSeen.TryAdd(item, i);
        }
        var children = lines.Select((l, i) => (Parent: l["__parentId"]?.GetValue<string>(), At: i)).Where(c => c.Parent is not null).ToList();
        Assert.True(children.Count(c => firstSeen[c.Parent!] > c.At) > children.Count / 4);
        Assert.Contains(lines, l => l["id"]!.GetValue<string>().Contains("/InventoryLevel/") && l["__parentId"]!.GetValue<string>().Contains("/InventoryItem/"));
        Assert.Equal(0, bulk.Logs.Entries.Count(e => e.Level >= LogLevel.Warning));
    }

    [Fact]
    public async Task An_export_over_the_size_cap_is_refused_before_it_is_read_and_the_fetch_falls_back_to_pages()
    {
        await using var server = await StartSandboxAsync(new CatalogGeneratorSpec { Products = 30, VariantsPerProduct = 2 });
        var (client, _) = Client(server);
        var reader = Reader(server, o => o.BulkMaxBytes = 4096);

        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => reader.ReadProductsAsync(client, default));
        Assert.Contains("4,096-byte cap (SHOPIFY_BULK_MAX_BYTES)", error.Message);

        var fetched = await FetchAsync(server, bulkThreshold: 0, o => o.BulkMaxBytes = 4096);
        Assert.Equal("paged", fetched.Data.Extensions!.Mode);
        Assert.Equal(30, fetched.Data.Data.Products.Nodes.Count);
        Assert.Contains(fetched.Logs.Messages, m => m.Contains("SHOPIFY_BULK_MAX_BYTES") && m.Contains("page by page"));
    }

    [Fact]
    public async Task A_plain_http_result_link_on_another_origin_is_refused_and_never_fetched()
    {
        await using var server = await StartSandboxAsync(new CatalogGeneratorSpec { Products = 20, VariantsPerProduct = 2 });
        // The app reaches the shop at 127.0.0.1; the result link names localhost over http, so it is neither https nor the shop's origin.
        server.Sandbox.Options.PublicBaseUri = new Uri($"http://localhost:{server.BaseUri.Port}/");

        var fetched = await FetchAsync(server, bulkThreshold: 0);

        Assert.Equal("paged", fetched.Data.Extensions!.Mode);
        Assert.Equal(20, fetched.Data.Data.Products.Nodes.Count);
        Assert.Contains(fetched.Logs.Messages, m => m.Contains("not https (http://localhost)") && m.Contains("page by page"));
        var operations = server.Sandbox.GetStore(Shop).BulkOperations.Values.ToList();
        Assert.NotEmpty(operations);
        Assert.All(operations, o => Assert.Equal(0, o.Downloads));
    }

    [Fact]
    public async Task A_result_link_that_redirects_to_another_host_is_refused()
    {
        await using var server = await StartSandboxAsync(new CatalogGeneratorSpec { Products = 20, VariantsPerProduct = 2 });
        server.Sandbox.Options.BulkResultRedirect = new Uri($"http://localhost:{server.BaseUri.Port}/");
        var (client, _) = Client(server);

        var error = await Assert.ThrowsAsync<ShopifyApiException>(() => Reader(server).ReadProductsAsync(client, default));

        Assert.Contains("redirects from 127.0.0.1 to another host (localhost); refused", error.Message);
        Assert.All(server.Sandbox.GetStore(Shop).BulkOperations.Values, o => Assert.Equal(0, o.Downloads));
        var fetched = await FetchAsync(server, bulkThreshold: 0);
        Assert.Equal("paged", fetched.Data.Extensions!.Mode);
    }

    [Fact]
    public async Task A_grouped_export_assembles_to_the_same_catalog_as_a_scrambled_one()
    {
        await using var server = await StartSandboxAsync(new CatalogGeneratorSpec { Products = 80, VariantsPerProduct = 3, Locations = 2 });
        var (client, _) = Client(server);
        var scrambled = await Reader(server).ReadProductsAsync(client, default);
        Assert.False(server.Sandbox.GetStore(Shop).BulkOperations.Values.Single().GroupObjects);

        var grouped = await RunGroupedAsync(server, GraphQlDocuments.Get("BulkProducts"));

        Assert.Equal(80, scrambled.Count);
        Assert.Equal(Serialize(grouped), Serialize(scrambled));
    }

    private static async Task<List<Product>> RunGroupedAsync(ShopifySandboxServer server, string query)
    {
        using var http = new HttpClient();
        var sandboxClient = new SalesBot.Tests.Sandbox.SandboxClient(server, Shop, http);
        await sandboxClient.QueryAsync("mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: true) { bulkOperation { id } userErrors { message } } }", new { q = query });
        var store = server.Sandbox.GetStore(Shop);
        await LiveShopWait(() => store.BulkOperations.Values.All(o => o.Status != "RUNNING"));
        var operation = store.BulkOperations.Values.OrderBy(o => o.Id).Last();
        Assert.True(operation.GroupObjects);
        await using var file = await http.GetStreamAsync(operation.Url);
        return await BulkCatalogReader.AssembleProductsAsync(file, default);
    }

    private static Task LiveShopWait(Func<bool> condition) =>
        SalesBot.Tests.Webhooks.LiveShop.WaitUntilAsync(() => Task.FromResult(condition()), "the bulk operation's end", 20);

    private static string Serialize(CatalogData data) => JsonSerializer.Serialize(data, CatalogJson.Default.CatalogData);

    private static string Serialize(List<Product> products) => string.Join('\n', products.Select(p => JsonSerializer.Serialize(p, CatalogJson.Default.Product)));

    private static Task<ShopifySandboxServer> StartSandboxAsync(CatalogGeneratorSpec spec) =>
        ShopifySandboxServer.StartAsync(SalesBot.Tests.Sandbox.SandboxFixture.Options(o =>
        {
            o.Catalog = CatalogSource.Generated(spec);
            o.ThrottleBucketSize = 100_000;
            o.ThrottleRestoreRate = 100_000;
        }));

    private static (ShopifyAdminClient Client, HttpClient Http) Client(ShopifySandboxServer server)
    {
        var token = server.Sandbox.GetStore(Shop).IssueAccessToken("read_products,read_inventory,read_discounts");
        var http = new HttpClient();
        var endpoint = new Uri($"{server.ApiOrigin.Replace("{shop}", Shop)}/admin/api/2026-01/graphql.json");
        return (new ShopifyAdminClient(http, endpoint, Shop, token, new ShopThrottle(TimeProvider.System), TimeProvider.System,
            NullLogger<ShopifyAdminClient>.Instance), http);
    }

    private static BulkCatalogReader Reader(ShopifySandboxServer server, Action<ShopifyOptions>? configure = null, ILoggerFactory? logs = null)
    {
        var options = new ShopifyOptions { ApiOrigin = server.ApiOrigin };
        configure?.Invoke(options);
        logs ??= NullLoggerFactory.Instance;
        return new BulkCatalogReader(new BulkResultDownloader(new NoRedirectClients(), Options.Create(options)), TimeProvider.System, logs.CreateLogger<BulkCatalogReader>());
    }

    private static async Task<(ShopifyData Data, LogCollector Logs)> FetchAsync(ShopifySandboxServer server, int bulkThreshold, Action<ShopifyOptions>? configure = null)
    {
        var logs = new LogCollector();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var (client, http) = Client(server);
        using (http)
        {
            var fetcher = new CatalogFetcher(TimeProvider.System, factory.CreateLogger<CatalogFetcher>(), Reader(server, configure, factory));
            var data = await fetcher.FetchAllAsync(client, FetchSettings.Default with { BulkThreshold = bulkThreshold }, default);
            return (data, logs);
        }
    }

    /// <summary>The app's bulk client as ShopifyExtensions registers it: redirects are the downloader's to follow or refuse.</summary>
    private sealed class NoRedirectClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new SocketsHttpHandler { AllowAutoRedirect = false });
    }
}
