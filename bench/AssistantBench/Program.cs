using System.Diagnostics;
using System.Text.Json;
using AssistantBench;
using SalesBot.Assistant;
using SalesBot.Assistant.Semantic;
using SalesBot.Catalog;
using SalesBot.Facebook;
using SalesBot.Snapshots;
// Turn latency without the LLM and memory for a large generated catalog, then retrieval quality
// (hit@3) on the sample catalogs. Run in Release: dotnet run -c Release --project bench/AssistantBench
//   [size] [--semantic off] [--arena] [--model fp32] [--vectors-cache]: semantic search (the app's default) builds the
//   product vectors before the turns; --arena turns ONNX Runtime's CPU memory arena and memory pattern on (the app runs
//   without them); --model fp32 runs the model as the package ships it instead of the int8 copy the app runs
//   (ModelQuantizer); --vectors-cache keeps the built product vectors in a temporary file and reuses them on the next run
//   of the same catalog and model (latency runs; the memory rows then lack the build's own garbage).
//   Runs the workstation GC, as the app does (SalesBot.csproj); DOTNET_gcServer=1 for the server GC.
var size = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 50_000;
var semanticOn = !args.SkipWhile(a => a != "--semantic").Skip(1).Take(1).Contains("off");
var arena = args.Contains("--arena");
var fp32 = args.SkipWhile(a => a != "--model").Skip(1).Take(1).Contains("fp32");
var vectorsCache = args.Contains("--vectors-cache");
Console.WriteLine($"load average at start: {LoadAverage()}");
const int turns = 5_000;

var stages = new MemoryStages();
stages.Take("start");
var regexes = RegexMemory.Measure();
stages.Take("every regex of the app used once");
// The snapshot in a local snapshot folder, as the app keeps it without Spaces (from Spaces it is the same bytes after a
// GET); the generator's garbage is collected and the peak counter reset, so "peak resident" from here on is the app's.
const string shop = "bench.myshopify.com";
var snapshots = new LocalFolderSnapshotStore(Directory.CreateTempSubdirectory("salesbot-assistantbench-").FullName);
WriteSnapshot(snapshots, shop, size);
GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
MemoryStages.ResetPeak();
stages.Take("snapshot written (peak reset)");
var before = GC.GetTotalMemory(forceFullCollection: true);
// The app's load: CatalogProvider reads the bytes, deserializes, builds the index and gives the load's garbage back.
var loadClock = Stopwatch.StartNew();
using var provider = new CatalogProvider(snapshots, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<CatalogProvider>.Instance);
var catalog = await provider.GetAsync(shop, CancellationToken.None) ?? throw new InvalidOperationException("The snapshot did not load.");
var loadMs = loadClock.Elapsed.TotalMilliseconds;
var managed = GC.GetTotalMemory(forceFullCollection: true) - before;
GC.KeepAlive(catalog);
var clock = new Stopwatch();
var process = Process.GetCurrentProcess();
process.Refresh();
var lexicalWorkingSet = process.WorkingSet64;
var lexicalCommitted = GC.GetGCMemoryInfo().TotalCommittedBytes;
stages.Take("snapshot loaded, index built");
SemanticBuild? semantic = null;
ISentenceEncoder? encoder = null;
double embedMs = 0;
var buildPauseStart = GC.GetTotalPauseDuration();
TimeSpan buildPause = default;
if (semanticOn)
{
    // What SemanticSearch does in the background when the snapshot loads: load the model once, embed every product.
    var model = arena || fp32 ? new SentenceEncoder(SentenceModelFiles.Read(SentenceModelFiles.DefaultPath), memoryArena: arena, quantize: !fp32)
        : SentenceEncoder.Shared(out var failure) ?? throw new InvalidOperationException("No sentence model: " + failure?.Message);
    encoder = model;
    stages.Take("model loaded");
    clock.Restart();
    if (vectorsCache && VectorCache.TryLoad(VectorCache.PathFor(size), catalog, model) is { } cached)
    {
        catalog.AttachSemantic(cached);
        semantic = new SemanticBuild(cached, 0, cached.Count);
        Console.WriteLine($"product vectors loaded from {VectorCache.PathFor(size)} (no embedding build this run)");
    }
    else
    {
        // The app's own background build (SemanticSearch), awaited here before the turns.
        using var search = new SemanticSearch(() => model, Microsoft.Extensions.Logging.Abstractions.NullLogger<SemanticSearch>.Instance);
        search.Prepare(shop, catalog);
        await search.WhenReadyAsync(shop);
        semantic = search.LastBuild(shop) ?? throw new InvalidOperationException("The embedding build did not finish.");
        if (vectorsCache) VectorCache.Save(VectorCache.PathFor(size), semantic.Index, model);
    }
    embedMs = clock.Elapsed.TotalMilliseconds;
    buildPause = GC.GetTotalPauseDuration() - buildPauseStart;
    stages.Take("product vectors built");
}

string[] questions =
[
    "do you have a blue shirt?", "gifts under $30", "what earrings do you have", "red leather jacket", "cozy wool blanket between 20 and 60",
    "hi", "any discounts?", "silver necklace under 100", "modern ceramic vase", "black sneakers size M", "something elegant in silk", "lamp",
];
// Each question's first turn (JIT, its embedding) is reported apart and kept out of the percentiles.
var profile = TurnProfile.Run(catalog, questions, turns);
process.Refresh();
var endWorkingSet = process.WorkingSet64;
var gc = GC.GetGCMemoryInfo();
stages.Take($"after {turns:N0} turns");

Console.WriteLine($"Catalog-only turn (retrieval + cards + Send API messages), {size:N0} products, {turns:N0} turns, "
    + (semanticOn ? $"hybrid ({(fp32 ? "fp32" : "int8")} model, memory arena {(arena ? "on" : "off")})" : "lexical")
    + $", {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC");
Console.WriteLine("| metric | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| the app's regexes, used once | {regexes.Patterns} patterns ({regexes.NonBacktracking} NonBacktracking), {regexes.Bytes / 1024.0 / 1024.0:F1} MB of managed heap |");
Console.WriteLine($"| snapshot load (read, deserialize, index, CatalogProvider) | {loadMs:F0} ms |");
if (semantic is not null)
{
    Console.WriteLine($"| embedding build | {embedMs:F0} ms (GC pauses {buildPause.TotalMilliseconds:F0} ms) |");
    Console.WriteLine($"| texts embedded | {semantic.Embedded} |");
    Console.WriteLine($"| product vectors | {semantic.Index.Bytes / 1024.0 / 1024.0:F1} MB |");
    Console.WriteLine($"| process working set before the model | {lexicalWorkingSet / 1024.0 / 1024.0:F0} MB (GC heap committed {lexicalCommitted / 1024.0 / 1024.0:F0} MB) |");
}
Console.WriteLine($"| turn p50 | {profile.Percentile(0.50):F2} ms |");
Console.WriteLine($"| turn p99 | {profile.Percentile(0.99):F2} ms |");
foreach (var (metric, value) in profile.GcRows()) Console.WriteLine($"| {metric} | {value} |");
Console.WriteLine($"| load average after the turns | {LoadAverage()} |");
Console.WriteLine($"| managed heap for catalog + index | {managed / 1024.0 / 1024.0:F0} MB |");
Console.WriteLine($"| process working set | {endWorkingSet / 1024.0 / 1024.0:F0} MB |");
Console.WriteLine($"| GC heap committed / in use | {gc.TotalCommittedBytes / 1024.0 / 1024.0:F0} / {gc.HeapSizeBytes / 1024.0 / 1024.0:F0} MB |");
Console.WriteLine();
Console.WriteLine("Memory at each stage (live heap after a full collection; the working set above is before it)");
stages.Write(Console.Out);
if (args.SkipWhile(a => a != "--hold").Skip(1).Take(1).Select(int.Parse).FirstOrDefault() is var hold and > 0)
{
    Console.WriteLine($"holding {hold} s for a heap dump: dotnet-gcdump collect -p {Environment.ProcessId}");
    await Task.Delay(TimeSpan.FromSeconds(hold));
}
Console.WriteLine();
Console.WriteLine("Per question (cold: its first turn, JIT and embedding included; the rest over the measured turns)");
profile.WriteQuestions(Console.Out);
Console.WriteLine();
Console.WriteLine("Per step, median ms of 100 runs each (20 for a new question's vector; the index search includes the vector scan in hybrid mode)");
PhaseProfile.Write(catalog, encoder, questions, 100, Console.Out);
Console.WriteLine();

// The LLM path's fact check on the same catalog: vocabulary built on first use, then a typical
// reply (two real products with prices, one invented product, one wrong price) checked per turn.
var beforeVocabulary = GC.GetTotalMemory(forceFullCollection: true);
clock.Restart();
_ = catalog.Vocabulary;
_ = catalog.Amounts;
var vocabularyMs = clock.Elapsed.TotalMilliseconds;
var vocabularyHeap = GC.GetTotalMemory(forceFullCollection: true) - beforeVocabulary;
var checks = new double[turns];
for (var i = 0; i < turns; i++)
{
    var a = catalog.Products[i * 7 % catalog.Products.Count];
    var b = catalog.Products[(i * 13 + 1) % catalog.Products.Count];
    var text = $"The [[{a.Product.Handle}]] is {catalog.Money.Format(a.MinPrice)} and the {b.Product.Title} is a lovely pick. "
        + "We also have the Classic Gold Velvet Hoodie for $12.34. It costs $1.23 today! Happy shopping.";
    var start = Stopwatch.GetTimestamp();
    FactChecker.Check(text, catalog, new TurnFacts([a, b], new HashSet<decimal>(), catalog.Discounts));
    checks[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
Array.Sort(checks);
Console.WriteLine($"Fact check of a 5-sentence model reply, {size:N0} products, {turns:N0} replies");
Console.WriteLine("| metric | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| vocabulary + amounts build (first LLM turn) | {vocabularyMs:F0} ms |");
Console.WriteLine($"| extra managed heap | {vocabularyHeap / 1024.0 / 1024.0:F0} MB |");
Console.WriteLine($"| check p50 | {checks[turns / 2]:F2} ms |");
Console.WriteLine($"| check p99 | {checks[Math.Min(turns - 1, (int)(0.99 * turns))]:F2} ms |");
Console.WriteLine();

if (SampleCatalog.Directory is null)
{
    Console.WriteLine(SampleCatalog.SkipReason);
    return;
}
var sample = new CatalogIndex(SampleCatalog.Load());
var hits = 0;
Console.WriteLine("| question | top 3 | hit |");
Console.WriteLine("|---|---|---|");
foreach (var (question, expected) in QuestionSet.Items)
{
    var top = CatalogOnlyAssistant.Reply(new AssistantRequest(sample, question, null, [], true)).Cards.Take(3)
        .Select(c => sample.FindById(c.ProductId)!.Product.Handle).ToList();
    var hit = top.Any(expected.Contains);
    if (hit) hits++;
    Console.WriteLine($"| {question} | {string.Join(", ", top)} | {(hit ? "✓" : "✗")} |");
}
Console.WriteLine();
Console.WriteLine($"hit@3 on the sample catalogs: {hits}/{QuestionSet.Items.Length} = {(double)hits / QuestionSet.Items.Length:P0}");

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

// In a helper, because Main runs unoptimized (tier 0) and its temporaries would keep the generated catalog and the
// snapshot bytes alive for the whole run. Through a stream: SerializeToUtf8Bytes grows one pooled buffer to the
// snapshot's size, and the shared ArrayPool would keep it (over 100 MB at 50,000 products).
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static void WriteSnapshot(LocalFolderSnapshotStore store, string shop, int size)
{
    using var stream = new MemoryStream();
    JsonSerializer.Serialize(stream, SyntheticCatalog.Create(size), CatalogJson.Default.ShopifyData);
    // Synchronously: an awaited async helper's completed task keeps its locals (the 50 MB stream) reachable from Main.
    store.PutAsync(shop, stream.GetBuffer().AsMemory(0, (int)stream.Length), "bench", CancellationToken.None).GetAwaiter().GetResult();
}
