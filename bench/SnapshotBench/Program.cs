using System.Diagnostics;
using System.Text.Json;
using SnapshotBench;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Snapshots;

// How fast is "did the catalog change?" for a 10,000-product store: the publisher's way (canonical hash +
// one HEAD, no body downloaded) against the naive way (GET the stored object and compare bytes).
const string shop = "bench-outfitters.myshopify.com";
const string bucket = "bench";
var products = args.Length > 0 ? int.Parse(args[0]) : 10_000;
const int runs = 7;

var data = GeneratedCatalog.Generate(shop, products);
var bytes = JsonSerializer.SerializeToUtf8Bytes(data, CatalogJson.Default.ShopifyData);
Console.WriteLine($"Catalog: {products:N0} products × 5 variants, {bytes.Length / 1024.0 / 1024.0:F1} MiB of JSON");

var serialize = Median(() => JsonSerializer.SerializeToUtf8Bytes(data, CatalogJson.Default.ShopifyData));
var hash = Median(() => CatalogHasher.Hash(data));
var allocated = Allocated(() => CatalogHasher.Hash(data));

await using var s3rver = await S3rverProcess.StartAsync(bucket);
var traffic = new TrafficCounter();
var options = new SpacesOptions { AccessKey = "S3RVER", SecretKey = "S3RVER", Bucket = bucket, Region = "us-east-1", Endpoint = s3rver.Endpoint };
using var store = new S3SnapshotStore(SpacesClient.Create(options, traffic), bucket, options.EffectiveEndpoint);
var stored = CatalogHasher.Hash(data);
await store.PutAsync(shop, bytes, stored, CancellationToken.None);

// The publisher's decision: hash the fresh catalog, HEAD the object, compare the hash in its metadata.
var (headMs, headRequests, headBytes) = await MeasureAsync(async () =>
{
    var head = await store.HeadAsync(shop, CancellationToken.None);
    return head?.ContentHash == CatalogHasher.Hash(data);
});
// The naive decision: serialize the fresh catalog, download the stored one, compare the bytes.
var (getMs, getRequests, getBytes) = await MeasureAsync(async () =>
{
    var fresh = JsonSerializer.SerializeToUtf8Bytes(data, CatalogJson.Default.ShopifyData);
    var old = await store.GetAsync(shop, CancellationToken.None);
    return old is not null && old.Content.AsSpan().SequenceEqual(fresh);
});

// The storage round trip alone, without the local work on the fresh catalog.
var (headOnlyMs, _, _) = await MeasureAsync(async () => (await store.HeadAsync(shop, CancellationToken.None))?.ContentHash == stored);
var (getOnlyMs, _, _) = await MeasureAsync(async () => (await store.GetAsync(shop, CancellationToken.None))?.Content.Length == bytes.Length);

Console.WriteLine();
Console.WriteLine($"| step                                   | median ms | requests | body bytes down | vs. HEAD |");
Console.WriteLine($"|----------------------------------------|----------:|---------:|----------------:|---------:|");
Console.WriteLine($"| serialize ShopifyData (for reference)  | {serialize,9:F1} |        - |               - |        - |");
Console.WriteLine($"| canonicalize + SHA-256 (CatalogHasher) | {hash,9:F1} |        - |               - |        - |");
Console.WriteLine($"| unchanged? hash + one HEAD             | {headMs,9:F1} | {headRequests,8} | {headBytes,15:N0} |    1.0×  |");
Console.WriteLine($"| unchanged? serialize + GET + compare   | {getMs,9:F1} | {getRequests,8} | {getBytes,15:N0} | {getMs / headMs,6:F1}×  |");
Console.WriteLine($"| round trip only: HEAD                  | {headOnlyMs,9:F1} |        1 |               0 |    1.0×  |");
Console.WriteLine($"| round trip only: GET                   | {getOnlyMs,9:F1} |        1 | {bytes.Length,15:N0} | {getOnlyMs / headOnlyMs,6:F1}×  |");
Console.WriteLine();
Console.WriteLine($"CatalogHasher allocates {allocated / 1024.0 / 1024.0:F1} MiB per hash; the canonical JSON is streamed into SHA-256, never built.");
Console.WriteLine($"Median of {runs} runs after one warm-up; s3rver on loopback, so a real network widens the gap by the transfer time of {bytes.Length / 1024.0 / 1024.0:F1} MiB.");

double Median(Action action)
{
    action();
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        action();
        times[i] = watch.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return times[runs / 2];
}

long Allocated(Action action)
{
    action();
    var before = GC.GetAllocatedBytesForCurrentThread();
    action();
    return GC.GetAllocatedBytesForCurrentThread() - before;
}

async Task<(double Ms, int Requests, long BodyBytes)> MeasureAsync(Func<Task<bool>> decide)
{
    if (!await decide()) throw new InvalidOperationException("the catalog should be found unchanged");
    var times = new double[runs];
    for (var i = 0; i < runs; i++)
    {
        traffic.Reset();
        var watch = Stopwatch.StartNew();
        await decide();
        times[i] = watch.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    return (times[runs / 2], traffic.Requests, traffic.BodyBytes);
}
