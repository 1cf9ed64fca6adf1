namespace AssistantEval;

/// <summary>The figures as one Markdown table (per assistant, mode and category, then per catalog and overall, then latency) and as JSON.</summary>
public static class EvalReport
{
    public static Dictionary<string, Dictionary<string, object>> Print(
        IReadOnlyList<(string Assistant, string Mode, List<Outcome> Outcomes)> results, IReadOnlyList<string> catalogNames, TextWriter output)
    {
        output.WriteLine("| assistant | mode | category | questions | hit@1 | hit@3 | nDCG@5 | honest not-found | false not-found |");
        output.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        var json = new Dictionary<string, Dictionary<string, object>>();
        foreach (var (assistant, mode, outcomes) in results)
        {
            var groups = outcomes.Select(o => o.Question.Category).Distinct().Order(StringComparer.Ordinal)
                .Select(c => (Name: c, Set: outcomes.Where(o => o.Question.Category == c).ToList()))
                .Concat(catalogNames.Select(c => (Name: $"all {c}", Set: outcomes.Where(o => o.Question.Catalog == c).ToList())))
                .Append((Name: "all", Set: outcomes));
            var byGroup = new Dictionary<string, Summary>();
            foreach (var (name, set) in groups)
            {
                var s = Summary.Of(set);
                byGroup[name] = s;
                output.WriteLine($"| {assistant} | {mode} | {name} | {set.Count} | {Pct(s.Hit1)} | {Pct(s.Hit3)} | {F(s.Ndcg5)} | {Pct(s.HonestNotFound)} | {Pct(s.FalseNotFound)} |");
            }
            var latencies = outcomes.Select(o => o.Milliseconds).Order().ToArray();
            var p50 = latencies[latencies.Length / 2];
            var p99 = latencies[Math.Min(latencies.Length - 1, (int)(0.99 * latencies.Length))];
            output.WriteLine($"| {assistant} | {mode} | latency of the judged turn | {latencies.Length} | p50 {p50:F2} ms | p99 {p99:F2} ms | | | |");
            if (!json.TryGetValue(assistant, out var modes)) json[assistant] = modes = [];
            modes[mode] = new { categories = byGroup, p50Ms = p50, p99Ms = p99 };
        }
        return json;
    }

    private static string Pct(double? v) => v is null ? "–" : $"{v:P0}";
    private static string F(double? v) => v is null ? "–" : $"{v:F3}";
}
