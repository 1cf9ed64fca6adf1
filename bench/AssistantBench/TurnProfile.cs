using System.Diagnostics;
using SalesBot.Assistant;
using SalesBot.Facebook;

namespace AssistantBench;

/// <summary>
/// Runs the bench's turns and keeps, for each one, what a tail needs explaining by: the question, its latency, the bytes it
/// allocated, the collections of each generation that ran during it and the GC pause time inside it.
/// </summary>
public sealed class TurnProfile
{
    private readonly string[] _questions;
    private readonly Turn[] _turns;

    private TurnProfile(string[] questions, Turn[] turns, double[] coldMs)
    {
        _questions = questions;
        _turns = turns;
        ColdMs = coldMs;
    }

    /// <summary>First turn of each question (JIT, the query's embedding, first-touch caches): excluded from the percentiles.</summary>
    public double[] ColdMs { get; }

    public static TurnProfile Run(CatalogIndex catalog, string[] questions, int turns)
    {
        var cold = new double[questions.Length];
        for (var q = 0; q < questions.Length; q++) cold[q] = Measure(catalog, questions[q], q).Ms;
        // A second round untimed: tier-1 JIT and the query-vector cache settle before the measured turns.
        for (var round = 0; round < 3; round++)
            for (var q = 0; q < questions.Length; q++) Measure(catalog, questions[q], q);
        var measured = new Turn[turns];
        for (var i = 0; i < turns; i++) measured[i] = Measure(catalog, questions[i % questions.Length], i % questions.Length);
        return new TurnProfile(questions, measured, cold);
    }

    private static Turn Measure(CatalogIndex catalog, string question, int index)
    {
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var reply = CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, question, null, [], true));
        ReplyBuilder.Build(reply);
        var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new Turn(index, ms, GC.GetAllocatedBytesForCurrentThread() - allocated,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2,
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds);
    }

    public double Percentile(double p) => Percentile(_turns.Select(t => t.Ms), p);

    public double Max => _turns.Max(t => t.Ms);

    /// <summary>Rows for the main table: what the turns cost the GC.</summary>
    public IEnumerable<(string Metric, string Value)> GcRows()
    {
        var p99 = Percentile(0.99);
        var tail = _turns.Where(t => t.Ms >= p99).ToList();
        yield return ("turn max", $"{Max:F2} ms");
        yield return ("collections during turns (gen0 / gen1 / gen2)",
            $"{_turns.Sum(t => t.Gen0)} / {_turns.Sum(t => t.Gen1)} / {_turns.Sum(t => t.Gen2)}");
        yield return ("GC pause during turns", $"{_turns.Sum(t => t.PauseMs):F1} ms in {_turns.Count(t => t.PauseMs > 0)} turns");
        yield return ("tail turns (≥ p99) with a GC", $"{tail.Count(t => t.Gen0 > 0)} of {tail.Count}, {tail.Sum(t => t.PauseMs):F1} ms of pause");
        yield return ("allocated per turn (mean)", $"{_turns.Average(t => t.Bytes) / 1024:F0} KB");
    }

    /// <summary>One row per question: its own distribution, allocation, and how many of the overall tail it holds.</summary>
    public void WriteQuestions(TextWriter output)
    {
        var p99 = Percentile(0.99);
        output.WriteLine("| question | cold ms | p50 ms | p99 ms | max ms | KB allocated | turns ≥ overall p99 |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        for (var q = 0; q < _questions.Length; q++)
        {
            var mine = _turns.Where(t => t.Question == q).ToList();
            output.WriteLine($"| {_questions[q]} | {ColdMs[q]:F1} | {Percentile(mine.Select(t => t.Ms), 0.5):F2} | {Percentile(mine.Select(t => t.Ms), 0.99):F2} "
                + $"| {mine.Max(t => t.Ms):F2} | {mine.Average(t => t.Bytes) / 1024:F0} | {mine.Count(t => t.Ms >= p99)} |");
        }
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    private readonly record struct Turn(int Question, double Ms, long Bytes, int Gen0, int Gen1, int Gen2, double PauseMs);
}
