using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SalesBot.Bench;
using SalesBot.Data;

// Webhook ingest under load: wrk (Debian package) posts signed products/update deliveries, each with its own
// X-Shopify-Event-Id, to POST /shopify/webhook of
//   - SalesBot (Release, its own process, SQLite in a temp DATA_DIR): HMAC check, dedupe, durable insert, 200;
//   - the reference: Express + @shopify/shopify-api's webhooks.validate (bench/reference-node), validate only, 200.
// Phases per server: warm-up (not reported), a fixed moderate rate, saturation.
// Usage: dotnet run -c Release --project bench/IngestBench [--quick] [--json PATH] [--salesbot-env KEY=VALUE ...] [--show-log]
//   --salesbot-env adds a setting to SalesBot's environment (e.g. Logging__LogLevel__Default=Warning) for experiments;
//   --show-log prints the last lines SalesBot wrote.
var quick = args.Contains("--quick");
var showLog = args.Contains("--show-log");
var extraEnv = args.Select((a, i) => (a, i)).Where(x => x.a == "--salesbot-env" && x.i + 1 < args.Length)
    .Select(x => args[x.i + 1].Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
var jsonIndex = Array.IndexOf(args, "--json");
var jsonPath = jsonIndex >= 0 && jsonIndex + 1 < args.Length ? args[jsonIndex + 1] : null;

const string apiKey = "bench-api-key";
const string secret = "bench-webhook-secret-5f1c2e9a7b";
const string shop = "bench-ingest.myshopify.com";
const int bodyCount = 1_000;

// Moderate: 10 connections, each sends its next request 20 ms after the previous answer: at most 500 requests/s,
// well below either server's saturation on 2 cores, so the latency is the per-request cost, not queueing.
var moderate = new Phase("moderate", Threads: 1, Connections: 10, DelayMs: 20, Seconds: quick ? 5 : 10);
// Saturation: 2 wrk threads, 64 connections, no pause.
var saturation = new Phase("saturation", Threads: 2, Connections: 64, DelayMs: 0, Seconds: quick ? 8 : 15);
// Warm-up (JIT, connection pools), then the bench waits until the server's CPU is quiet (the deliveries recorded in the
// warm-up are still being processed for a moment) before measuring.
var warmup = new Phase("warm-up", Threads: 2, Connections: 16, DelayMs: 0, Seconds: quick ? 3 : 5);

if (!File.Exists("/usr/bin/wrk") && Which("wrk") is null)
{
    Console.Error.WriteLine("wrk is not installed (apt-get install -y wrk; bench/run does it)");
    return 2;
}

var work = Directory.CreateTempSubdirectory("ingest-bench-").FullName;
try
{
    var bodiesFile = Path.Combine(work, "bodies.lua");
    var sampleBytes = WriteBodies(bodiesFile, bodyCount, secret);
    var results = new List<Run>();
    long recorded = 0, expected = 0;
    var failures = new List<string>();

    // SalesBot first, then the reference; each alone on the machine while measured.
    {
        var env = new Dictionary<string, string>
        {
            ["SHOPIFY_API_KEY"] = apiKey,
            ["SHOPIFY_API_SECRET"] = secret,
            // No shop is installed, so nothing calls Shopify; should anything try, it stays on loopback.
            ["SHOPIFY_API_ORIGIN"] = "http://127.0.0.1:9/{shop}",
        };
        foreach (var (k, v) in extraEnv) env[k] = v;
        await using var app = await BenchProcess.StartSalesBotAsync(env);
        foreach (var phase in new[] { warmup, moderate, saturation })
        {
            var run = await RunWrkAsync("SalesBot", app, phase, bodiesFile, work);
            if (phase != warmup) results.Add(run);
            expected += run.Ok;
            await SettleAsync(app);
        }
        // Every 200 must be a row on disk (wrk may stop with a few requests in flight that the app still recorded).
        recorded = await CountRecordedAsync(app);
        if (showLog) Console.Error.WriteLine("SalesBot log tail:\n" + app.Tail);
        if (recorded < expected) failures.Add($"SalesBot answered 200 to {expected:N0} deliveries but recorded {recorded:N0}");
    }
    {
        await using var node = await BenchProcess.StartReferenceNodeAsync(apiKey, secret);
        foreach (var phase in new[] { warmup, moderate, saturation })
        {
            var run = await RunWrkAsync("reference", node, phase, bodiesFile, work);
            if (phase != warmup) results.Add(run);
            await SettleAsync(node);
        }
    }
    foreach (var r in results.Where(r => r.Ok == 0 || r.Failed > 0))
        failures.Add($"{r.Server} {r.Phase}: {r.Failed:N0} failed requests of {r.Requests:N0}");

    Console.WriteLine();
    Console.WriteLine($"Webhook ingest: wrk on loopback, signed products/update deliveries ({sampleBytes:N0}-byte bodies, {bodyCount:N0} distinct, every event id new)");
    Console.WriteLine();
    Console.WriteLine("| server | phase | wrk threads × connections | requests | req/s | p50 ms | p99 ms | p99.9 ms | max ms | failed | server CPU ms / 1k req | server RSS MiB |");
    Console.WriteLine("|--------|-------|---------------------------|---------:|------:|-------:|-------:|---------:|-------:|-------:|-----------------------:|---------------:|");
    foreach (var r in results)
    {
        var load = r.PhaseSpec.DelayMs > 0 ? $"{r.PhaseSpec.Threads} × {r.PhaseSpec.Connections}, {r.PhaseSpec.DelayMs} ms pause" : $"{r.PhaseSpec.Threads} × {r.PhaseSpec.Connections}";
        Console.WriteLine($"| {r.Server} | {r.Phase} | {load} | {r.Requests,8:N0} | {r.RequestsPerSecond,7:N0} | {r.P50Ms,6:F2} | {r.P99Ms,6:F2} | {r.P999Ms,8:F2} | {r.MaxMs,6:F1} | {r.Failed,6:N0} | {r.CpuMsPer1k,22:F0} | {r.RssMiB,14:F0} |");
    }
    Console.WriteLine();
    Console.WriteLine("| figure | SalesBot | reference | SalesBot / reference |");
    Console.WriteLine("|--------|---------:|----------:|---------------------:|");
    foreach (var phase in new[] { moderate, saturation })
    {
        var s = results.FirstOrDefault(r => r.Server == "SalesBot" && r.Phase == phase.Name);
        var n = results.FirstOrDefault(r => r.Server == "reference" && r.Phase == phase.Name);
        if (s is null || n is null) continue;
        Console.WriteLine($"| {phase.Name} req/s | {s.RequestsPerSecond:N0} | {n.RequestsPerSecond:N0} | {s.RequestsPerSecond / n.RequestsPerSecond:F2}× |");
        Console.WriteLine($"| {phase.Name} p50 ms | {s.P50Ms:F2} | {n.P50Ms:F2} | {s.P50Ms / n.P50Ms:F2}× |");
        Console.WriteLine($"| {phase.Name} p99 ms | {s.P99Ms:F2} | {n.P99Ms:F2} | {s.P99Ms / n.P99Ms:F2}× |");
    }
    Console.WriteLine();
    Console.WriteLine($"SalesBot recorded {recorded:N0} deliveries durably (SQLite, WAL) for {expected:N0} answers of 200 (warm-up included): every request a new insert.");
    Console.WriteLine($"The reference validates only (HMAC + headers via shopify.webhooks.validate) and stores nothing.");
    Console.WriteLine($"Moderate = {moderate.Connections} connections each pausing {moderate.DelayMs} ms after every answer (≤ {1000 * moderate.Connections / moderate.DelayMs} req/s); wrk is closed-loop, so saturation latency includes queueing.");
    foreach (var f in failures) Console.WriteLine("FAILED: " + f);

    if (jsonPath is not null)
    {
        var json = new JsonObject
        {
            ["bench"] = "IngestBench",
            ["quick"] = quick,
            ["bodyBytes"] = sampleBytes,
            ["distinctBodies"] = bodyCount,
            ["salesBotRecorded"] = recorded,
            ["salesBotOkAnswers"] = expected,
            ["runs"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
            {
                ["server"] = r.Server,
                ["phase"] = r.Phase,
                ["wrkThreads"] = r.PhaseSpec.Threads,
                ["connections"] = r.PhaseSpec.Connections,
                ["pauseMs"] = r.PhaseSpec.DelayMs,
                ["seconds"] = r.PhaseSpec.Seconds,
                ["requests"] = r.Requests,
                ["ok"] = r.Ok,
                ["failed"] = r.Failed,
                ["requestsPerSecond"] = Math.Round(r.RequestsPerSecond, 1),
                ["p50Ms"] = Math.Round(r.P50Ms, 3),
                ["p90Ms"] = Math.Round(r.P90Ms, 3),
                ["p99Ms"] = Math.Round(r.P99Ms, 3),
                ["p999Ms"] = Math.Round(r.P999Ms, 3),
                ["maxMs"] = Math.Round(r.MaxMs, 3),
                ["serverCpuMsPer1kRequests"] = Math.Round(r.CpuMsPer1k, 1),
                ["serverRssMiB"] = Math.Round(r.RssMiB, 1),
            })]),
            ["failures"] = new JsonArray([.. failures.Select(f => (JsonNode)f)]),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
        await File.WriteAllTextAsync(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
    return failures.Count == 0 ? 0 : 1;
}
finally
{
    try { Directory.Delete(work, recursive: true); } catch (IOException) { }
}

static async Task<Run> RunWrkAsync(string server, BenchProcess target, Phase phase, string bodiesFile, string work)
{
    var tag = $"{server}-{phase.Name}-{Guid.NewGuid():N}"[..Math.Min(60, server.Length + phase.Name.Length + 14)];
    var template = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ingest.lua"));
    var script = Path.Combine(work, $"{server}-{phase.Name}.lua");
    await File.WriteAllTextAsync(script, template.Replace("@BODIES@", bodiesFile).Replace("@TAG@", tag)
        .Replace("@DELAY@", phase.DelayMs.ToString(CultureInfo.InvariantCulture)).Replace("@SHOP@", shop));

    var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in new[] { "-t", phase.Threads.ToString(), "-c", phase.Connections.ToString(), "-d", $"{phase.Seconds}s", "--timeout", "10s", "-s", script, new Uri(target.BaseUri, "/shopify/webhook").ToString() })
        start.ArgumentList.Add(a);
    var cpuBefore = CpuMs(target.Pid);
    using var wrk = Process.Start(start)!;
    var stdout = wrk.StandardOutput.ReadToEndAsync();
    var stderr = wrk.StandardError.ReadToEndAsync();
    using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(phase.Seconds + 30));
    await wrk.WaitForExitAsync(limit.Token);
    var cpu = CpuMs(target.Pid) - cpuBefore;
    var output = await stdout;
    var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRKJSON ", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"wrk gave no result (exit {wrk.ExitCode}):\n{output}\n{await stderr}");
    var j = JsonNode.Parse(line["WRKJSON ".Length..])!;
    long L(string k) => j[k]!.GetValue<long>();
    var requests = L("requests");
    var failed = L("connect") + L("read") + L("write") + L("status") + L("timeout");
    var run = new Run(server, phase.Name, phase, requests, requests - L("status"), failed,
        requests / (L("duration_us") / 1e6), L("p50_us") / 1000.0, L("p90_us") / 1000.0, L("p99_us") / 1000.0, L("p999_us") / 1000.0, L("max_us") / 1000.0,
        requests > 0 ? cpu * 1000.0 / requests : 0, target.RssBytes() / 1048576.0);
    Console.Error.WriteLine($"  {server} {phase.Name}: {run.RequestsPerSecond:N0} req/s, p50 {run.P50Ms:F2} ms, p99 {run.P99Ms:F2} ms, {failed} failed");
    return run;
}

// Until the server used < 5 % of one core over 500 ms (at most 10 s): work left over from the previous phase done.
static async Task SettleAsync(BenchProcess server)
{
    var deadline = DateTime.UtcNow.AddSeconds(10);
    while (DateTime.UtcNow < deadline)
    {
        var before = CpuMs(server.Pid);
        await Task.Delay(500);
        if (CpuMs(server.Pid) - before < 25) return;
    }
}

// utime + stime of a process in ms (clock ticks at 100 Hz), threads included.
static double CpuMs(int pid)
{
    try
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) * 10.0;
    }
    catch (IOException) { return 0; }
}

static async Task<long> CountRecordedAsync(BenchProcess app)
{
    var options = new DbContextOptionsBuilder<SalesBotDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataDir!, "salesbot.db")};Mode=ReadOnly").Options;
    await using var db = new SalesBotDbContext(options);
    return await db.WebhookDeliveries.LongCountAsync();
}

// products/update REST payloads like Shopify's (about 1.7 KB), each signed: X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256(body, secret).
static int WriteBodies(string path, int count, string secret)
{
    using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
    var lua = new StringBuilder("return {\n");
    var size = 0;
    var at = DateTimeOffset.UtcNow;
    for (var i = 0; i < count; i++)
    {
        var id = 7_400_000_000_000 + i;
        var price = (19.0m + i % 80).ToString("F2", CultureInfo.InvariantCulture);
        var variants = string.Join(",", Enumerable.Range(0, 3).Select(v =>
            $$"""{"id":{{id * 10 + v}},"product_id":{{id}},"title":"{{new[] { "S", "M", "L" }[v]}}","price":"{{price}}","sku":"BENCH-{{i}}-{{v}}","position":{{v + 1}},"inventory_policy":"deny","compare_at_price":null,"option1":"{{new[] { "S", "M", "L" }[v]}}","option2":null,"option3":null,"created_at":"2026-01-05T10:00:00-05:00","updated_at":"{{at:O}}","taxable":true,"barcode":null,"inventory_quantity":{{(i * 7 + v) % 40}},"admin_graphql_api_id":"gid://shopify/ProductVariant/{{id * 10 + v}}","inventory_item_id":{{id * 10 + v + 5}}}"""));
        var body = $$"""{"admin_graphql_api_id":"gid://shopify/Product/{{id}}","body_html":"<p>Bench product {{i}}: a lightweight merino tee for everyday wear.</p>","created_at":"2026-01-05T10:00:00-05:00","handle":"bench-product-{{i}}","id":{{id}},"product_type":"Shirts","published_at":"2026-01-05T10:00:00-05:00","template_suffix":null,"title":"Bench Product {{i}}","updated_at":"{{at:O}}","vendor":"Bench Outfitters","status":"active","published_scope":"web","tags":"bench, merino, tee","variants":[{{variants}}],"options":[{"name":"Size","id":{{id + 1}},"product_id":{{id}},"position":1,"values":["S","M","L"]}],"images":[],"image":null,"media":[],"variant_gids":[]}""";
        var bytes = Encoding.UTF8.GetBytes(body);
        size = bytes.Length;
        var signature = Convert.ToBase64String(hmac.ComputeHash(bytes));
        lua.Append("{body=[==[").Append(body).Append("]==],hmac=\"").Append(signature).Append("\",at=\"").Append(at.UtcDateTime.ToString("O")).Append("\"},\n");
    }
    lua.Append("}\n");
    File.WriteAllText(path, lua.ToString());
    return size;
}

static string? Which(string name) =>
    (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

record Phase(string Name, int Threads, int Connections, int DelayMs, int Seconds);

record Run(string Server, string Phase, Phase PhaseSpec, long Requests, long Ok, long Failed, double RequestsPerSecond,
    double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs, double CpuMsPer1k, double RssMiB);
