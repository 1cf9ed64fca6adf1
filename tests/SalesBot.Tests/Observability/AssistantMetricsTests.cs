using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SalesBot.Assistant;
using SalesBot.Tests.Assistant;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Observability;

/// <summary>Each assistant turn is timed by mode; in LLM mode each model call reports its duration and tokens (gen_ai.*).</summary>
public sealed class AssistantMetricsTests
{
    private readonly CatalogIndex _catalog = new(TestCatalog.Create());

    [Fact]
    public async Task A_catalog_only_turn_is_timed_under_its_mode()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>());
        using var turns = new MetricCollector<double>(app.Get<IMeterFactory>(), AssistantMetrics.Name, "salesbot.assistant.turn.duration");
        var assistant = app.Get<IShopAssistant>();

        var clock = Stopwatch.StartNew();
        var reply = await assistant.ReplyAsync(new AssistantRequest(_catalog, "do you have a blue shirt?", null, [], true), default);
        var took = clock.Elapsed;

        Assert.NotEmpty(reply.Text);
        var turn = Assert.Single(turns.GetMeasurementSnapshot());
        Assert.Equal(AssistantMetrics.CatalogOnlyMode, turn.Tags["salesbot.assistant.mode"]);
        Assert.False(turn.Tags.ContainsKey("error.type"));
        Assert.InRange(turn.Value, double.Epsilon, took.TotalSeconds);
    }

    [Fact]
    public async Task An_llm_turn_is_timed_under_its_mode_and_each_model_call_reports_tokens_and_duration()
    {
        await using var model = await ScriptedOpenAiServer.StartAsync();
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "test-key",
            ["OPENAI_BASE_URL"] = model.BaseUrl + "/v1",
            ["OPENAI_MODEL"] = "scripted",
        });
        using var turns = new MetricCollector<double>(app.Get<IMeterFactory>(), AssistantMetrics.Name, "salesbot.assistant.turn.duration");
        // Microsoft.Extensions.AI makes its meter itself (no IMeterFactory): other tests' model calls are told apart by server port.
        using var llm = new AllMeasurements(AssistantMetrics.LlmSourceName);
        model.ThenToolCall("search_products", new { query = "blue shirt" }).ThenText("The [[ocean-blue-shirt]] is a classic.");

        var clock = Stopwatch.StartNew();
        await app.Get<IShopAssistant>().ReplyAsync(new AssistantRequest(_catalog, "do you have a blue shirt?", null, [], true), default);
        var took = clock.Elapsed;

        var turn = Assert.Single(turns.GetMeasurementSnapshot());
        Assert.Equal(AssistantMetrics.LlmMode, turn.Tags["salesbot.assistant.mode"]);
        Assert.InRange(turn.Value, double.Epsilon, took.TotalSeconds);

        var port = new Uri(model.BaseUrl).Port;
        var ours = llm.Snapshot().Where(m => m.Tags.TryGetValue("server.port", out var p) && Convert.ToInt32(p) == port).ToList();
        var calls = model.Requests.Count;
        Assert.Equal(2, calls);
        var durations = ours.Where(m => m.Instrument == "gen_ai.client.operation.duration").ToList();
        Assert.Equal(calls, durations.Count);
        Assert.All(durations, d => Assert.InRange(d.Value, double.Epsilon, took.TotalSeconds));
        // The scripted server reports its usage on every answer; the sum is what it reported, per token type.
        var tokens = ours.Where(m => m.Instrument == "gen_ai.client.token.usage").ToList();
        Assert.Equal(calls * ScriptedOpenAiServer.PromptTokens, tokens.Where(t => Equals(t.Tags["gen_ai.token.type"], "input")).Sum(t => t.Value));
        Assert.Equal(calls * ScriptedOpenAiServer.CompletionTokens, tokens.Where(t => Equals(t.Tags["gen_ai.token.type"], "output")).Sum(t => t.Value));
    }

    /// <summary>Every measurement of every instrument of one meter name, whatever its number type.</summary>
    private sealed class AllMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _seen = [];

        public AllMeasurements(string meterName)
        {
            _listener.InstrumentPublished = (instrument, listener) => { if (instrument.Meter.Name == meterName) listener.EnableMeasurementEvents(instrument); };
            _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
            _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
            _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
            _listener.Start();
        }

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var (key, tagValue) in tags) copy[key] = tagValue;
            lock (_seen) _seen.Add((instrument.Name, value, copy));
        }

        public List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Snapshot()
        {
            lock (_seen) return [.. _seen];
        }

        public void Dispose() => _listener.Dispose();
    }
}
