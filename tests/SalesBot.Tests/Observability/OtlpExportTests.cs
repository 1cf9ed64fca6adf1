using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Observability;

/// <summary>
/// With OTEL_EXPORTER_OTLP_ENDPOINT set (http/protobuf), traces and metrics reach a collector; without it nothing is
/// sent. The collector here is a loopback listener that keeps what is posted to /v1/traces and /v1/metrics; protobuf
/// carries names as plain UTF-8, so the service name, span names and instrument names can be found in the bytes.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_and_metrics_go_to_the_configured_collector_under_the_service_name()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = "salesbot-otlp-test",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        using var http = new HttpClient { BaseAddress = app.BaseUri };
        (await http.GetAsync("/")).EnsureSuccessStatusCode();
        (await http.GetAsync("/readyz")).EnsureSuccessStatusCode();
        var shop = CatalogSamples.NewShop();
        var bytes = Encoding.UTF8.GetBytes("{\"shop\":\"" + shop + "\"}");
        await app.Get<ISnapshotPublisher>().PublishAsync(shop, bytes, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)), default);

        await collector.WaitForAsync("/v1/traces", "snapshot publish");
        await collector.WaitForAsync("/v1/metrics", "salesbot.snapshot.publishes");
        await collector.WaitForAsync("/v1/metrics", "http.server.request.duration");
        Assert.True(collector.Contains("/v1/traces", "salesbot-otlp-test"), "the traces do not name the service");
        Assert.True(collector.Contains("/v1/metrics", "salesbot-otlp-test"), "the metrics do not name the service");
        // Probes are not traffic: a server span for the home page, none for the probe. (The test's own HttpClient
        // call to /readyz is traced too, as a client span: HttpClient's source is process-wide; it has no http.route.)
        await collector.WaitForAsync("/v1/traces", "http.route", "/");
        Assert.False(collector.Contains("/v1/traces", "http.route", "/readyz"), "a probe was traced");
    }

    [Fact]
    public async Task Without_an_endpoint_nothing_is_collected_or_exported()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>());
        Assert.Null(app.Services.GetService(typeof(OpenTelemetry.Metrics.MeterProvider)));
        Assert.Null(app.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
    }

    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Path, byte[] Body)> _posts = new();

        private OtlpCollector(WebApplication app, string endpoint) => (_app, Endpoint) = (app, endpoint);

        public string Endpoint { get; }

        public static async Task<OtlpCollector> StartAsync()
        {
            OtlpCollector? collector = null;
            var (app, address) = await SalesBot.Sandbox.LoopbackHost.StartAsync(_ => { }, app => app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector!._posts.Enqueue((request.Path.Value!, body.ToArray()));
                // An empty ExportTraceServiceResponse / ExportMetricsServiceResponse: everything accepted.
                return Results.Bytes([], "application/x-protobuf");
            }), 0, CancellationToken.None);
            collector = new OtlpCollector(app, address.ToString().TrimEnd('/'));
            return collector;
        }

        public bool Contains(string path, string text)
        {
            var needle = Encoding.UTF8.GetBytes(text);
            return _posts.Any(p => p.Path == path && p.Body.AsSpan().IndexOf(needle) >= 0);
        }

        /// <summary>An attribute with exactly this string value: KeyValue{key, AnyValue{string_value}} puts 4 bytes of tags and lengths between them.</summary>
        public bool Contains(string path, string key, string value)
        {
            var k = Encoding.UTF8.GetBytes(key);
            var v = Encoding.UTF8.GetBytes(value);
            foreach (var (postPath, body) in _posts)
            {
                if (postPath != path) continue;
                for (var at = body.AsSpan().IndexOf(k); at >= 0;)
                {
                    var valueAt = at + k.Length + 4;
                    if (valueAt + v.Length <= body.Length && body[valueAt - 1] == v.Length && body.AsSpan(valueAt, v.Length).SequenceEqual(v)) return true;
                    var next = body.AsSpan(at + 1).IndexOf(k);
                    at = next < 0 ? -1 : at + 1 + next;
                }
            }
            return false;
        }

        public Task WaitForAsync(string path, string text, int seconds = 15) => WaitAsync(() => Contains(path, text), $"'{text}'", path, seconds);

        public Task WaitForAsync(string path, string key, string value, int seconds = 15) => WaitAsync(() => Contains(path, key, value), $"{key}={value}", path, seconds);

        private async Task WaitAsync(Func<bool> found, string text, string path, int seconds)
        {
            var until = DateTime.UtcNow.AddSeconds(seconds);
            while (!found())
            {
                Assert.True(DateTime.UtcNow < until, $"nothing with '{text}' was posted to {path} in {seconds}s ({_posts.Count} posts: {string.Join(", ", _posts.Select(p => p.Path).Distinct())})");
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
