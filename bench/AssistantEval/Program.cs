using System.Text.Json;
using AssistantEval;
// Retrieval quality of the assistant on bench/AssistantEval/questions.jsonl (ESCI-graded, over the sample catalogs and
// the generated demo store): hit@1, hit@3, nDCG@5, honest "not found" on no-match questions, false "not found" on
// answerable ones, latency. Each assistant (catalog-only; the real LLM assistant against a scripted model) × each mode.
//   dotnet run -c Release --project bench/AssistantEval [-- --assistant catalog|llm] [--mode lexical|hybrid|hybrid-fp32] [--json PATH]
//   dotnet run -c Release --project bench/AssistantEval -- --list-catalog demo|sample     (what a grader reads)
string? jsonPath = null;
var modes = new List<string>();
var assistantNames = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--json" && i + 1 < args.Length) jsonPath = args[++i];
    else if (args[i] == "--mode" && i + 1 < args.Length) modes.Add(args[++i]);
    else if (args[i] == "--assistant" && i + 1 < args.Length) assistantNames.Add(args[++i]);
}
// lexical: the word index alone; hybrid: fused with the sentence model's ranking (Assistant/Semantic), selected in
// EvalCatalogs.For. Both by default, so the hybrid figures stand against the lexical reference of the same run.
// hybrid-fp32 (asked for by name only): hybrid with the fp32 model as shipped, the reference for the int8 copy the app runs.
string[] knownModes = ["lexical", "hybrid", "hybrid-fp32"];
string[] knownAssistants = ["catalog", "llm"];
if (modes.Count == 0) modes.AddRange(["lexical", "hybrid"]);
if (assistantNames.Count == 0) assistantNames.AddRange(knownAssistants);
if (modes.FirstOrDefault(m => !knownModes.Contains(m)) is { } unknownMode)
{
    Console.Error.WriteLine($"unknown --mode '{unknownMode}': this build has {string.Join(", ", knownModes)}");
    return 2;
}
if (assistantNames.FirstOrDefault(a => !knownAssistants.Contains(a)) is { } unknownAssistant)
{
    Console.Error.WriteLine($"unknown --assistant '{unknownAssistant}': there are {string.Join(", ", knownAssistants)}");
    return 2;
}

if (SampleCatalog.Directory is null)
{
    Console.WriteLine(SampleCatalog.SkipReason);
    return 0;
}
var catalogs = await EvalCatalogs.LoadAsync();
if (args.Length == 2 && args[0] == "--list-catalog")
{
    catalogs.Print(args[1], Console.Out);
    return 0;
}
var questions = EvalQuestion.Load(Path.Combine(AppContext.BaseDirectory, "questions.jsonl"));
var runner = new EvalRunner(catalogs, questions);
// The scripted model's server runs only when the llm assistant does.
await using var model = assistantNames.Contains("llm") ? (await ScriptedOpenAiServer.StartAsync()).RespondWith(FaithfulModel.Respond) : null;
var assistants = assistantNames.Distinct().Select(name => name == "llm" ? new EvalAssistant.Llm(model!.CreateAssistant()) : (EvalAssistant)new EvalAssistant.CatalogOnly());

var results = new List<(string Assistant, string Mode, List<Outcome> Outcomes)>();
foreach (var assistant in assistants)
    foreach (var mode in modes.Distinct())
        results.Add((assistant.Name, mode, await runner.RunAsync(assistant, mode)));

var counts = string.Join(", ", catalogs.ByName.Select(c => $"{c.Key} {questions.Count(q => q.Catalog == c.Key)} questions / {c.Value.Products.Count} products"));
Console.WriteLine($"{questions.Count} questions ({counts}); llm = LlmShopAssistant against a scripted faithful model on loopback");
Console.WriteLine();
var json = EvalReport.Print(results, catalogs.ByName.Keys.ToList(), Console.Out);
foreach (var (assistant, mode, outcomes) in results)
{
    Console.WriteLine();
    Console.WriteLine($"Misses at 3 ({assistant}, {mode}; first 40):");
    foreach (var o in outcomes.Where(o => !o.Question.NoMatch && !o.Top.Take(3).Any(h => o.Question.Gain(h) >= 1)).Take(40))
        Console.WriteLine($"- {o.Question.Id} \"{o.Question.Turns[^1]}\": {(o.Top.Count == 0 ? "(nothing)" : string.Join(", ", o.Top.Take(3)))}");
    // The other way to fail: a question the catalog cannot answer shown products, which honest not-found counts.
    Console.WriteLine($"No-match questions shown products ({assistant}, {mode}):");
    foreach (var o in outcomes.Where(o => o.Question.NoMatch && !o.NotFound))
        Console.WriteLine($"- {o.Question.Id} \"{o.Question.Turns[^1]}\": {string.Join(", ", o.Top.Take(3))}");
    Console.WriteLine($"Slowest judged turns ({assistant}, {mode}): "
        + string.Join(", ", outcomes.OrderByDescending(o => o.Milliseconds).Take(8).Select(o => $"{o.Question.Id} \"{o.Question.Turns[^1]}\" {o.Milliseconds:F0} ms")));
}
if (jsonPath is not null)
    File.WriteAllText(jsonPath, JsonSerializer.Serialize(new { questions = questions.Count, assistants = json }, new JsonSerializerOptions { WriteIndented = true }));
return 0;
