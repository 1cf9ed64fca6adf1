using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Sync.Fetch;
// Catalog sync against the sandbox Shopify on loopback: one full paged fetch (CatalogFetcher.FetchAllAsync) per
// case, and how close its wall time comes to the floor the leaky-bucket throttle sets:
//   bound = max(0, actual cost − bucket) / restore rate   (the first bucket is free, the rest trickles in).
// Usage: dotnet run -c Release --project bench/CatalogFetchBench [--quick] [--json PATH] [--case PRODUCTS:BUCKET:RESTORE[:bulk] ...]
var quick = args.Contains("--quick");
var jsonIndex = Array.IndexOf(args, "--json");
var jsonPath = jsonIndex >= 0 && jsonIndex + 1 < args.Length ? args[jsonIndex + 1] : null;

var standard = new Plan("Standard", 1_000, 100);
var plus = new Plan("Plus", 10_000, 1_000);
// Plus's bucket restored five times as fast: 10,000 products cost ~800,000 points, 13 min even on Plus, so the
// default run uses this to stay throttle-bound (the ratio stays meaningful) yet finish in ~160 s.
// (At 10,000/s the 10,000-product fetch gave up after 12 THROTTLED answers in a row: see bench/README.md.)
var plusFast = new Plan("Plus bucket, 5× restore", 10_000, 5_000);
// --case PRODUCTS:BUCKET:RESTORE (repeatable) replaces the default cases.
var custom = args.Select((a, i) => (a, i)).Where(x => x.a == "--case" && x.i + 1 < args.Length)
    .Select(x => args[x.i + 1].Split(':'))
    .Select(p => new Case(int.Parse(p[0]), PlanFor(double.Parse(p[1]), double.Parse(p[2])), p.Length > 3 && p[3] == "bulk")).ToArray();
Case[] cases = custom.Length > 0 ? custom
    : quick ? [new(200, standard)]
    // The Standard plan's floor is 1,000 products ≈ 80,000 points ≈ 13 min, so the default run measures Standard on 200
    // products and the larger catalogs on bigger buckets; `--case 1000:1000:100` runs 1,000 on Standard.
    // Paged cases show the throttle's floor; bulk cases show what a large store really costs on the Standard plan.
    : [new(200, standard), new(1_000, plus), new(1_000, standard, Bulk: true), new(10_000, standard, Bulk: true)];

var results = new List<Result>();
var failures = new List<(Case Case, string Error)>();
foreach (var c in cases)
{
    try
    {
        var r = await RunAsync(c);
        results.Add(r);
        Console.Error.WriteLine($"  done: {c.Products:N0} products on {c.Plan.Name} in {r.Seconds:F1} s");
    }
    catch (Exception e)
    {
        failures.Add((c, e.Message));
        Console.Error.WriteLine($"  FAILED: {c.Products:N0} products on {c.Plan.Name}: {e.Message}");
    }
}

Console.WriteLine();
Console.WriteLine($"Catalog sync: full fetch (CatalogFetcher, paged or bulk) from the sandbox Shopify on loopback, 5 variants per product");
Console.WriteLine();
Console.WriteLine("| products | mode  | plan (bucket / restore)                     | wall s | queries | requested cost | actual cost | throttled | bound s | wall / bound | products/s | Standard bound s |");
Console.WriteLine("|---------:|-------|---------------------------------------------|-------:|--------:|---------------:|------------:|----------:|--------:|-------------:|-----------:|-----------------:|");
foreach (var r in results)
{
    var plan = $"{r.Plan.Name} ({r.Plan.Bucket:N0} / {r.Plan.Restore:N0}/s)";
    var ratio = r.BoundSeconds > 0 ? $"{r.Seconds / r.BoundSeconds:F2}×" : "n/a";
    Console.WriteLine($"| {r.Products,8:N0} | {(r.Bulk ? "bulk" : "paged"),-5} | {plan,-43} | {r.Seconds,6:F1} | {r.Queries,7:N0} | {r.RequestedCost,14:N0} | {r.ActualCost,11:N0} | {r.Throttled,9:N0} | {r.BoundSeconds,7:F1} | {ratio,12} | {r.Products / r.Seconds,10:F1} | {r.StandardBoundSeconds,16:F1} |");
}
Console.WriteLine();
Console.WriteLine("bound = max(0, actual cost − bucket) / restore rate: the least time the throttle allows for that much cost.");
Console.WriteLine("Standard bound = the same actual cost on the Standard plan (1,000 / 100/s); for Plus runs it is the extrapolated Standard-plan floor.");
foreach (var r in results.Where(r => r.Bulk))
    Console.WriteLine($"BULK: {r.Products:N0} products on {r.Plan.Name} in {r.Seconds:F1} s; a paged fetch of the same catalog costs ≈ {r.Products * PagedPointsPerProduct(results):N0} points, " +
        $"so its Standard-plan floor is ≈ {r.Products * PagedPointsPerProduct(results) / 100 / 60:F0} min — bulk is {r.Products * PagedPointsPerProduct(results) / 100 / r.Seconds:F0}× faster.");
foreach (var r in results.Where(r => r.Plan != standard && !r.Bulk))
    Console.WriteLine($"NOTE: {r.Products:N0} products ran with {r.Plan.Name} (bucket {r.Plan.Bucket:N0}, restore {r.Plan.Restore:N0}/s), not Standard; " +
        $"on Standard its actual cost of {r.ActualCost:N0} would take at least {r.StandardBoundSeconds / 60:F1} min.");

foreach (var (c, error) in failures)
    Console.WriteLine($"FAILED: {c.Products:N0} products with {c.Plan.Name} ({c.Plan.Bucket:N0} / {c.Plan.Restore:N0}/s): {error}");

if (jsonPath is not null)
{
    var json = new JsonObject
    {
        ["bench"] = "CatalogFetchBench",
        ["quick"] = quick,
        ["cases"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
        {
            ["products"] = r.Products,
            ["mode"] = r.Bulk ? "bulk" : "paged",
            ["variantsPerProduct"] = 5,
            ["plan"] = r.Plan.Name,
            ["bucket"] = r.Plan.Bucket,
            ["restoreRate"] = r.Plan.Restore,
            ["wallSeconds"] = Math.Round(r.Seconds, 3),
            ["queries"] = r.Queries,
            ["requestedCost"] = r.RequestedCost,
            ["actualCost"] = r.ActualCost,
            ["throttled"] = r.Throttled,
            ["retries"] = r.Retries,
            ["boundSeconds"] = Math.Round(r.BoundSeconds, 3),
            ["wallOverBound"] = r.BoundSeconds > 0 ? Math.Round(r.Seconds / r.BoundSeconds, 3) : null,
            ["standardBoundSeconds"] = Math.Round(r.StandardBoundSeconds, 3),
            ["generateSeconds"] = Math.Round(r.GenerateSeconds, 3),
        })]),
        ["failures"] = new JsonArray([.. failures.Select(f => (JsonNode)new JsonObject
        {
            ["products"] = f.Case.Products, ["plan"] = f.Case.Plan.Name, ["bucket"] = f.Case.Plan.Bucket,
            ["restoreRate"] = f.Case.Plan.Restore, ["error"] = f.Error,
        })]),
    };
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
    await File.WriteAllTextAsync(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
}
return failures.Count == 0 ? 0 : 1;

static async Task<Result> RunAsync(Case c)
{
    const string shop = "bench-outfitters.myshopify.com";
    var spec = new CatalogGeneratorSpec { Products = c.Products, VariantsPerProduct = 5, LargeProducts = 0, LargeDiscounts = 0 };
    await using var server = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
    {
        Catalog = CatalogSource.Generated(spec),
        ThrottleBucketSize = c.Plan.Bucket,
        ThrottleRestoreRate = c.Plan.Restore,
    });

    // Generating the store happens on first access; keep it out of the fetch time.
    var generate = Stopwatch.StartNew();
    var store = server.Sandbox.GetStore(shop);
    var token = store.IssueAccessToken("read_products");
    var generateSeconds = generate.Elapsed.TotalSeconds;

    var endpoint = new Uri($"{server.ApiOrigin.Replace("{shop}", shop)}/admin/api/2026-01/graphql.json");
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
    var client = new ShopifyAdminClient(http, endpoint, shop, token, new ShopThrottle(TimeProvider.System), TimeProvider.System,
        NullLogger<ShopifyAdminClient>.Instance);
    var download = new BulkResultDownloader(new PlainHttpClients(), Options.Create(new ShopifyOptions { ApiOrigin = server.ApiOrigin }));
    var bulk = new BulkCatalogReader(download, TimeProvider.System, NullLogger<BulkCatalogReader>.Instance);
    var fetcher = new CatalogFetcher(TimeProvider.System, NullLogger<CatalogFetcher>.Instance, bulk);
    var settings = FetchSettings.Default with { BulkThreshold = c.Bulk ? 0 : -1 };

    var watch = Stopwatch.StartNew();
    var data = await fetcher.FetchAllAsync(client, settings, CancellationToken.None);
    var seconds = watch.Elapsed.TotalSeconds;

    var fetched = data.Data.Products.Nodes.Count;
    var variants = data.Data.Products.Nodes.Sum(p => p.Variants?.Nodes.Count ?? 0);
    if (fetched != c.Products || variants != c.Products * 5)
        throw new InvalidOperationException($"incomplete fetch: {fetched} products / {variants} variants, expected {c.Products} / {c.Products * 5}");

    var report = data.Extensions!;
    if (report.Mode != (c.Bulk ? "bulk" : "paged"))
        throw new InvalidOperationException($"fetch ran {report.Mode}, expected {(c.Bulk ? "bulk" : "paged")}");
    return new Result(c.Products, c.Bulk, c.Plan, seconds, report.Queries, report.RequestedCost, report.ActualCost, report.Throttled, report.Retries,
        Bound(report.ActualCost, c.Plan), Bound(report.ActualCost, new Plan("Standard", 1_000, 100)), generateSeconds);
}

Plan PlanFor(double bucket, double restore) =>
    bucket == standard.Bucket && restore == standard.Restore ? standard
    : bucket == plus.Bucket && restore == plus.Restore ? plus
    : bucket == plusFast.Bucket && restore == plusFast.Restore ? plusFast
    : new Plan("Custom", bucket, restore);

static double Bound(long actualCost, Plan plan) => Math.Max(0, actualCost - plan.Bucket) / plan.Restore;

// Points a paged fetch spends per product, measured by this run's paged cases (80 in the sandbox's cost model when none ran).
static double PagedPointsPerProduct(List<Result> results) =>
    results.Where(r => !r.Bulk).Select(r => (double)r.ActualCost / r.Products).DefaultIfEmpty(80).Average();

record Plan(string Name, double Bucket, double Restore);
record Case(int Products, Plan Plan, bool Bulk = false);
record Result(int Products, bool Bulk, Plan Plan, double Seconds, int Queries, long RequestedCost, long ActualCost, int Throttled, int Retries,
    double BoundSeconds, double StandardBoundSeconds, double GenerateSeconds);

/// <summary>The bulk result download needs a client factory; one plain client per call is all a bench needs.</summary>
sealed class PlainHttpClients : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(10) };
}
