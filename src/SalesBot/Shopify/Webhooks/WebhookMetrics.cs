using System.Diagnostics.Metrics;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Meter "SalesBot.Shopify.Webhooks": <c>salesbot.webhook.lag</c> (histogram, s), received minus
/// <c>X-Shopify-Triggered-At</c> for each delivery recorded (duplicates and refusals are not), by <c>salesbot.webhook.topic</c>.
/// </summary>
public sealed class WebhookMetrics
{
    public const string Name = "SalesBot.Shopify.Webhooks";

    private readonly Histogram<double> _lag;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        // Shopify retries a failed delivery for hours (keeping the original trigger time), hence buckets up to the 4-hour window.
        _lag = meter.CreateHistogram("salesbot.webhook.lag", "s", "Time from Shopify triggering a webhook to this service receiving it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 14400] });
    }

    public void Received(string topic, TimeSpan lag) =>
        _lag.Record(Math.Max(lag.TotalSeconds, 0), new KeyValuePair<string, object?>("salesbot.webhook.topic", topic));
}
