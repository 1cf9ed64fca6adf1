using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Auth;
using SalesBot.Signing;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Checks a delivery (signature over the raw bytes first, then headers and JSON), ignores one triggered before
/// the <see cref="DeliveryWindow"/>, records it durably, refuses duplicates by event id, and hands it to the
/// processor. Everything slow happens later.
/// </summary>
public sealed class WebhookIngest(
    IOptions<ShopifyOptions> options,
    DeliveryRecorder recorder,
    WebhookHealthLog health,
    WebhookMetrics metrics,
    TimeProvider time,
    ILogger<WebhookIngest> logger)
{
    private readonly ShopifyWebhookHmac _hmac = new(ShopifyCredentials.From(options.Value).ApiSecret);
    private readonly Channel<WebhookDelivery> _recorded = Channel.CreateUnbounded<WebhookDelivery>(new() { SingleReader = true });

    /// <summary>Deliveries recorded by this process, in arrival order, for the processor.</summary>
    public ChannelReader<WebhookDelivery> Recorded => _recorded.Reader;

    public async Task<IngestResult> AcceptAsync(ReadOnlyMemory<byte> body, Func<string, string?> header, CancellationToken cancellationToken)
    {
        if (!_hmac.IsValid(body.Span, header(ShopifyWebhookHmac.HeaderName)))
            return new(401, "Invalid webhook signature.");

        var topic = header(WebhookHeaders.Topic);
        var shopHeader = header(WebhookHeaders.ShopDomain);
        var eventId = header(WebhookHeaders.EventId) ?? header(WebhookHeaders.WebhookId);
        // Signed, so from here on a refusal is recorded for the shop header's webhook health. The signature covers the body
        // only, so a replayed body could name another shop; the refusals are bounded per shop, so that inflates a count at most.
        var claimed = ShopDomain.TryParse(shopHeader, out var shop) ? shop : null;
        if (string.IsNullOrEmpty(topic) || string.IsNullOrEmpty(shopHeader) || string.IsNullOrEmpty(eventId))
            return await RefuseAsync(claimed, topic, $"Missing Shopify headers: {WebhookHeaders.Topic}, {WebhookHeaders.ShopDomain} and {WebhookHeaders.EventId} (or {WebhookHeaders.WebhookId}) are required.", cancellationToken);
        if (topic.Length > 64 || eventId.Length > 128)
            return await RefuseAsync(claimed, topic, "The topic or event id header is too long.", cancellationToken);
        if (claimed is null)
            return new(400, ShopDomain.ErrorMessage(shopHeader));
        shop = claimed;
        if (!IsJson(body.Span))
            return await RefuseAsync(claimed, topic, "The body is not JSON.", cancellationToken);

        var now = time.GetUtcNow();
        // A time ahead of ours is clock skew; capped at now, so a row received before the window also triggered before it.
        var triggeredHeader = ParseTriggeredAt(header(WebhookHeaders.TriggeredAt));
        var triggeredAt = triggeredHeader is { } at && at < now ? at : now;
        if (DeliveryWindow.IsStale(triggeredAt, now))
        {
            logger.LogWarning("Ignored {Topic} for {Shop} ({EventId}): triggered at {TriggeredAt:u}, older than the {Window} replay window",
                topic, shop, eventId, triggeredAt, DeliveryWindow.Length);
            await health.RecordRejectionAsync(shop, topic, $"Ignored: triggered at {triggeredAt:u}, older than the {DeliveryWindow.Length.TotalHours:0}-hour replay window", cancellationToken);
            return new(200, "Stale delivery ignored.");
        }

        var delivery = new WebhookDelivery
        {
            EventId = eventId,
            Shop = shop,
            Topic = topic,
            TriggeredAt = triggeredAt,
            ReceivedAt = now,
            Payload = Encoding.UTF8.GetString(body.Span),
        };

        if (!await recorder.RecordAsync(delivery, cancellationToken))
            return new(200, "Duplicate delivery ignored.");

        // Without the header there is no lag to tell; with one ahead of our clock the lag is zero.
        if (triggeredHeader is not null) metrics.Received(topic, now - triggeredAt);
        logger.LogDebug("Recorded {Topic} for {Shop} ({EventId})", topic, shop, eventId);
        _recorded.Writer.TryWrite(delivery);
        return new(200, "Accepted.");
    }

    private async Task<IngestResult> RefuseAsync(string? shop, string? topic, string reason, CancellationToken cancellationToken)
    {
        if (shop is not null) await health.RecordRejectionAsync(shop, topic, "Refused: " + reason, cancellationToken);
        return new(400, reason);
    }

    private static bool IsJson(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        try
        {
            while (reader.Read()) { }
            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static DateTimeOffset? ParseTriggeredAt(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}

public sealed record IngestResult(int StatusCode, string Message);
