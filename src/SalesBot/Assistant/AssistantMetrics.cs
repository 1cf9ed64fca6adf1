using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SalesBot.Assistant;

/// <summary>
/// Meter "SalesBot.Assistant": <c>salesbot.assistant.turn.duration</c> (histogram, s), one shopper message to one
/// reply, by <c>salesbot.assistant.mode</c> (catalog-only, llm) and <c>error.type</c> when the turn threw; spans
/// "assistant turn" on the same name. The model calls inside an LLM turn are measured by Microsoft.Extensions.AI's
/// OpenTelemetry client under <see cref="LlmSourceName"/> (gen_ai.client.operation.duration, gen_ai.client.token.usage).
/// </summary>
public sealed class AssistantMetrics
{
    public const string Name = "SalesBot.Assistant";
    public const string LlmSourceName = "SalesBot.Assistant.Llm";
    public const string CatalogOnlyMode = "catalog-only", LlmMode = "llm";

    public static readonly ActivitySource Source = new(Name);

    private readonly Histogram<double> _turn;

    public AssistantMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _turn = meter.CreateHistogram("salesbot.assistant.turn.duration", "s", "Time the assistant took to answer one shopper message.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40] });
    }

    public void Turn(string mode, TimeSpan elapsed, string? errorType)
    {
        var tags = new TagList { { "salesbot.assistant.mode", mode } };
        if (errorType is not null) tags.Add("error.type", errorType);
        _turn.Record(elapsed.TotalSeconds, tags);
    }
}
