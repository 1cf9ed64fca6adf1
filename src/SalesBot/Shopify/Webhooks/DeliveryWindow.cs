namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// How long a delivery can be told apart from a replay. Shopify retries a failed delivery 8 times over about
/// 4 hours, so a genuine delivery (retries keep the original <c>X-Shopify-Triggered-At</c>) is never older than
/// that; 12 hours leaves room for clock skew and a backlog. Older deliveries are answered 200 and ignored
/// (a 4xx counts as a failed delivery and can get a real subscription deleted), and a processed delivery row is
/// kept exactly this long after it was received: every copy that is still accepted finds its row and is a duplicate.
/// </summary>
public static class DeliveryWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(12);

    public static bool IsStale(DateTimeOffset triggeredAt, DateTimeOffset now) => now - triggeredAt > Length;
}
