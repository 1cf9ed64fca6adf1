using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Webhooks;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Observability;

/// <summary>
/// The parts' own meters record what happened, read through the app's IMeterFactory (so tests running side by side
/// never see each other's measurements): Admin API points, publishes and their latency, webhook lag.
/// </summary>
public sealed class PartMetricsTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task An_install_counts_the_admin_points_shopify_charged_and_times_its_upload()
    {
        await using var live = await LiveShop.StartAsync(s3);
        var meters = live.App.Get<IMeterFactory>();
        using var points = new MetricCollector<double>(meters, AdminApiMetrics.Name, "salesbot.shopify.admin.points");
        using var publishes = new MetricCollector<long>(meters, SnapshotMetrics.Name, "salesbot.snapshot.publishes");
        using var durations = new MetricCollector<double>(meters, SnapshotMetrics.Name, "salesbot.snapshot.publish.duration");
        var clock = Stopwatch.StartNew();

        await live.InstallAsync();
        var installTook = clock.Elapsed;

        // What the sandbox charged (extensions.cost.actualQueryCost) for every answered query is what was counted.
        var charged = live.Sandbox.Sandbox.QueryLog(live.Shop).Where(q => !q.Throttled).Sum(q => (double)q.ActualCost);
        Assert.True(charged > 0, "the install ran no costed query");
        await LiveShop.WaitUntilAsync(() => Task.FromResult(points.GetMeasurementSnapshot().Sum(m => m.Value) == charged),
            $"{charged} points counted (counted {points.GetMeasurementSnapshot().Sum(m => m.Value)})");
        Assert.All(points.GetMeasurementSnapshot(), m => Assert.False(string.IsNullOrEmpty(m.Tags["salesbot.shopify.document"] as string)));

        var upload = Assert.Single(publishes.GetMeasurementSnapshot());
        Assert.Equal(1, upload.Value);
        Assert.Equal(SnapshotMetrics.Uploaded, upload.Tags["salesbot.snapshot.outcome"]);
        Assert.Equal(false, upload.Tags["salesbot.snapshot.retry"]);
        var took = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal(SnapshotMetrics.Uploaded, took.Tags["salesbot.snapshot.outcome"]);
        Assert.InRange(took.Value, double.Epsilon, installTook.TotalSeconds);
    }

    [Fact]
    public async Task A_webhook_delivery_records_its_lag_from_the_triggered_at_header()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        using var lag = new MetricCollector<double>(live.App.Get<IMeterFactory>(), WebhookMetrics.Name, "salesbot.webhook.lag");
        var product = live.Store.Products.Values.First();
        var payload = await live.AdminAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = product.Title + " lag" }, webhook: false);
        var triggeredAt = DateTimeOffset.UtcNow.AddSeconds(-37.25);
        var eventId = Guid.NewGuid().ToString();

        using (var response = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, payload, eventId, triggeredAt))
            response.EnsureSuccessStatusCode();
        var sentAgain = DateTimeOffset.UtcNow;
        using (var duplicate = await live.PostWebhookAsync(WebhookTopics.ProductsUpdate, payload, eventId, triggeredAt))
            duplicate.EnsureSuccessStatusCode();

        // One measurement: the duplicate is not a second delivery. Its value is the recorded row's received minus triggered.
        var measured = Assert.Single(lag.GetMeasurementSnapshot());
        Assert.Equal(WebhookTopics.ProductsUpdate, measured.Tags["salesbot.webhook.topic"]);
        var row = await live.DeliveryAsync(eventId);
        Assert.Equal((row!.ReceivedAt - row.TriggeredAt).TotalSeconds, measured.Value, 0.01);
        Assert.InRange(measured.Value, 37.25 - 0.01, (sentAgain - triggeredAt).TotalSeconds);
    }
}
