using System.Diagnostics;
using System.Text.Json;
using AssistantEval;
using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
using SalesBot.Assistant.Semantic;
using SalesBot.Catalog;
// Retrieval quality of the catalog-only assistant on bench/AssistantEval/questions.jsonl (ESCI-graded):
// hit@1, hit@3, nDCG@5, honest "not found" on no-match questions, false "not found" on answerable ones, latency.
//   dotnet run -c Release --project bench/AssistantEval [-- --mode lexical] [--json PATH]
string? jsonPath = null;
var modes = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--json" && i + 1 < args.Length) jsonPath = args[++i];
    else if (args[i] == "--mode" && i + 1 < args.Length) modes.Add(args[++i]);
}
// lexical: the word index alone; hybrid: fused with the sentence model's ranking (Assistant/Semantic). Both by default, so
// the hybrid figures are against the lexical reference of the same run.
string[] knownModes = ["lexical", "hybrid"];
if (modes.Count == 0) modes.AddRange(knownModes);
if (modes.FirstOrDefault(m => !knownModes.Contains(m)) is { } unknownMode)
{
    Console.Error.WriteLine($"unknown --mode '{unknownMode}': this build has {string.Join(", ", knownModes)}");
    return 2;
}

if (SampleCatalog.Directory is null)
{
    Console.WriteLine(SampleCatalog.SkipReason);
    return 0;
}
var questions = EvalQuestion.Load(Path.Combine(AppContext.BaseDirectory, "questions.jsonl"));
var catalog = new CatalogIndex(SampleCatalog.Load());
var hybrid = modes.Contains("hybrid") ? WithVectors(new CatalogIndex(SampleCatalog.Load())) : null;
var NotFoundPhrases = NotFoundPhrasesOf();
var results = modes.ToDictionary(m => m, m => Run(m));

var categories = questions.Select(q => q.Category).Distinct().Order(StringComparer.Ordinal).Append("all").ToList();
Console.WriteLine($"Catalog-only assistant, {questions.Count} questions on the sample catalogs ({catalog.Products.Count} products)");
Console.WriteLine();
Console.WriteLine("| mode | category | questions | hit@1 | hit@3 | nDCG@5 | honest not-found | false not-found |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
var json = new Dictionary<string, object>();
foreach (var (mode, outcomes) in results)
{
    var byCategory = new Dictionary<string, object>();
    foreach (var category in categories)
    {
        var set = category == "all" ? outcomes : outcomes.Where(o => o.Question.Category == category).ToList();
        var s = Summary.Of(set);
        byCategory[category] = s;
        Console.WriteLine($"| {mode} | {category} | {set.Count} | {Pct(s.Hit1)} | {Pct(s.Hit3)} | {F(s.Ndcg5)} | {Pct(s.HonestNotFound)} | {Pct(s.FalseNotFound)} |");
    }
    var latencies = outcomes.Select(o => o.Milliseconds).Order().ToArray();
    var p50 = latencies[latencies.Length / 2];
    var p99 = latencies[Math.Min(latencies.Length - 1, (int)(0.99 * latencies.Length))];
    Console.WriteLine($"| {mode} | latency of the judged turn | {latencies.Length} | p50 {p50:F2} ms | p99 {p99:F2} ms | | | |");
    json[mode] = new { categories = byCategory, p50Ms = p50, p99Ms = p99 };
}
Console.WriteLine();
Console.WriteLine("Misses at 3 (lexical, first mode):");
foreach (var o in results[modes[0]].Where(o => !o.Question.NoMatch && !o.Top.Take(3).Any(h => o.Question.Gain(h) >= 1)).Take(60))
    Console.WriteLine($"- {o.Question.Id} \"{o.Question.Turns[^1]}\": {(o.Top.Count == 0 ? "(nothing)" : string.Join(", ", o.Top.Take(3)))}");
if (jsonPath is not null)
    File.WriteAllText(jsonPath, JsonSerializer.Serialize(new { questions = questions.Count, modes = json }, new JsonSerializerOptions { WriteIndented = true }));
return 0;

List<Outcome> Run(string mode)
{
    var outcomes = new List<Outcome>();
    foreach (var question in questions)
    {
        var memory = ConversationMemory.Empty;
        AssistantReply? reply = null;
        double ms = 0;
        foreach (var turn in question.Turns)
        {
            var start = Stopwatch.GetTimestamp();
            (reply, memory) = CatalogOnlyAssistant.Reply(new AssistantRequest(mode == "hybrid" ? hybrid! : catalog, turn, null, [], true), memory);
            ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        var top = reply!.Cards.Select(c => catalog.FindById(c.ProductId)?.Product.Handle).OfType<string>().ToList();
        // The assistant answers "I couldn't find that … here are some favourites" (in the shopper's language) rather than an empty reply.
        var notFound = top.Count == 0 || NotFoundPhrases.Any(reply.Text.StartsWith);
        outcomes.Add(new Outcome(question, notFound ? [] : top, ms));
    }
    return outcomes;
}

// The vectors the app builds in the background when a snapshot loads, built here before the first question.
static CatalogIndex WithVectors(CatalogIndex index)
{
    var encoder = SentenceEncoder.Shared(out var failure) ?? throw new InvalidOperationException("No sentence model: " + failure?.Message);
    index.AttachSemantic(SemanticIndexBuilder.Build(index, encoder, new QueryVectors(encoder), null).Index);
    return index;
}

static string[] NotFoundPhrasesOf() => [.. new[] { "en", "es", "fr", "de", "it", "pt" }.Select(l => Phrases.For(l).NotFound).Distinct()];
static string Pct(double? v) => v is null ? "–" : $"{v:P0}";
static string F(double? v) => v is null ? "–" : $"{v:F3}";
