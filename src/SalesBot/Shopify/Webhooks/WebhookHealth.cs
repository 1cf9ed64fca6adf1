namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// How a shop's webhooks are doing: the subscriptions the last registration left, and what arrived within the
/// <see cref="DeliveryWindow"/> (the deliveries table keeps no more): how many, the last one, how late Shopify sent
/// them (received minus <c>X-Shopify-Triggered-At</c>), how many failed to apply or still wait, and recent refusals.
/// </summary>
public sealed record WebhookHealth(
    IReadOnlyList<WebhookSubscriptionEntry> Subscriptions,
    TimeSpan Window,
    int Received,
    WebhookDeliveryEntry? LastDelivery,
    TimeSpan? AverageLag,
    TimeSpan? MaxLag,
    int Failed,
    int Waiting,
    IReadOnlyList<WebhookDeliveryEntry> RecentFailures,
    IReadOnlyList<WebhookRejectionEntry> Rejections);

public sealed record WebhookSubscriptionEntry(string Topic, string Address, DateTimeOffset RegisteredAt);

public sealed record WebhookDeliveryEntry(string Topic, DateTimeOffset TriggeredAt, DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, int Attempts, string? Error)
{
    /// <summary>How long after Shopify triggered it the delivery reached us.</summary>
    public TimeSpan Lag => ReceivedAt - TriggeredAt;
}

public sealed record WebhookRejectionEntry(DateTimeOffset At, string? Topic, string Reason);
