using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesBot.Bench;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Sync.Fetch;
// Memory of reading a bulk export: the sandbox (this process) writes an ungrouped, scrambled JSONL export of N products;
// a child process of this bench reads it from loopback the way the app does (BulkCatalogReader: streamed line by line
// into the assembler) and reports its peak working set next to the assembled catalog's own managed size. References in
// the same run: the same 100,000-product file read whole into memory first (the former reader), and a 10,000-product export.
// Usage: dotnet run -c Release --project bench/BulkMemoryBench [--quick] [--json PATH] [--products N]
if (args.Length > 0 && args[0] == "--child") return await Child.RunAsync(args[1..]);

var quick = args.Contains("--quick");
var jsonIndex = Array.IndexOf(args, "--json");
var jsonPath = jsonIndex >= 0 && jsonIndex + 1 < args.Length ? args[jsonIndex + 1] : null;
var productsIndex = Array.IndexOf(args, "--products");
var large = productsIndex >= 0 ? int.Parse(args[productsIndex + 1]) : quick ? 20_000 : 100_000;
var small = large / 10;

const string largeShop = "bulk-large.myshopify.com", smallShop = "bulk-small.myshopify.com";
var options = new ShopifySandboxOptions { ThrottleBucketSize = 1_000, ThrottleRestoreRate = 100 };
options.ShopCatalogs[largeShop] = CatalogSource.Generated(Spec(large));
options.ShopCatalogs[smallShop] = CatalogSource.Generated(Spec(small));
await using var server = await ShopifySandboxServer.StartAsync(options);

var runs = new List<JsonObject>();
foreach (var (shop, products, modes) in new[] { (smallShop, small, new[] { "streamed" }), (largeShop, large, new[] { "streamed", "buffered" }) })
{
    var export = await ExportAsync(server, shop);
    Console.Error.WriteLine($"  {products:N0} products: export of {export.Lines:N0} lines, {export.Bytes / 1e6:F0} MB, written in {export.Seconds:F1} s");
    foreach (var mode in modes)
    {
        var run = await Child.SpawnAsync(mode, server.ApiOrigin, shop, export.Url);
        run["products"] = products;
        run["fileBytes"] = export.Bytes;
        run["lines"] = export.Lines;
        runs.Add(run);
        Console.Error.WriteLine($"  {products:N0} products {mode}: peak working set {Mb(run, "peakWorkingSetBytes")} MB");
    }
    server.Sandbox.GetStore(shop).BulkOperations.Clear(); // drop the file before the next, larger store is generated
}

Console.WriteLine();
Console.WriteLine($"Bulk export read (ungrouped, scrambled JSONL from the sandbox on loopback, 5 variants × 2 locations per product), one child process per row, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
Console.WriteLine();
Console.WriteLine("| products | read | file MB | lines | seconds | start working set MB | peak working set MB | peak − start MB | catalog managed MB |");
Console.WriteLine("|---------:|------|--------:|------:|--------:|---------------------:|--------------------:|----------------:|-------------------:|");
foreach (var r in runs)
    Console.WriteLine($"| {r["products"]!.GetValue<int>():N0} | {r["mode"]} | {r["fileBytes"]!.GetValue<long>() / 1e6:F0} | {r["lines"]!.GetValue<long>():N0} | {r["seconds"]!.GetValue<double>():F1} | " +
        $"{Mb(r, "startWorkingSetBytes")} | {Mb(r, "peakWorkingSetBytes")} | {Mb(r, "peakWorkingSetBytes") - Mb(r, "startWorkingSetBytes")} | {(r["mode"]!.GetValue<string>() == "streamed" ? Mb(r, "catalogManagedBytes").ToString("N0") : "–")} |");
Console.WriteLine();
Console.WriteLine("peak working set = the child's VmHWM; catalog managed = managed heap held by the assembled List<Product> after a full GC");
Console.WriteLine("(not shown for the buffered read: the freed buffer's large-object segments still count there).");

if (jsonPath is not null)
{
    var json = new JsonObject { ["bench"] = "BulkMemoryBench", ["quick"] = quick, ["runs"] = new JsonArray([.. runs]) };
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
    await File.WriteAllTextAsync(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
return 0;

static CatalogGeneratorSpec Spec(int products) => new()
{
    Products = products, VariantsPerProduct = 5, LargeProducts = 0, Collections = 5, Discounts = 1, LargeDiscounts = 0, Locations = 2,
};

static long Mb(JsonObject run, string key) => run[key]!.GetValue<long>() / 1_000_000;

// Runs BulkProducts on the sandbox through the Admin API, as the app starts it, and waits for the file.
static async Task<(string Url, long Bytes, long Lines, double Seconds)> ExportAsync(ShopifySandboxServer server, string shop)
{
    var store = server.Sandbox.GetStore(shop); // generates the catalog, outside the timing
    var token = store.IssueAccessToken("read_products,read_inventory");
    var endpoint = new Uri($"{server.ApiOrigin.Replace("{shop}", shop)}/admin/api/2026-01/graphql.json");
    using var http = new HttpClient();
    var client = new ShopifyAdminClient(http, endpoint, shop, token, new ShopThrottle(TimeProvider.System), TimeProvider.System, NullLogger<ShopifyAdminClient>.Instance);
    var watch = Stopwatch.StartNew();
    await client.QueryAsync("BulkOperationRun", new JsonObject { ["query"] = GraphQlDocuments.Get("BulkProducts") }, FetchJson.Default.BulkOperationRunData, default);
    var deadline = DateTime.UtcNow.AddMinutes(8);
    while (store.BulkOperations.Values.Any(o => o.Status == "RUNNING"))
    {
        if (DateTime.UtcNow > deadline) throw new TimeoutException($"the sandbox's export of {shop} did not finish");
        await Task.Delay(200);
    }
    var operation = store.BulkOperations.Values.Single();
    if (operation.Status != "COMPLETED") throw new InvalidOperationException($"the sandbox's export of {shop} ended {operation.Status}");
    return (operation.Url!, operation.Result!.LongLength, operation.ObjectCount, watch.Elapsed.TotalSeconds);
}
