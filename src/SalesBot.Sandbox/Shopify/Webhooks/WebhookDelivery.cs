namespace SalesBot.Sandbox.Shopify.Webhooks;

/// <summary>
/// One delivery attempt (or a deliberately suppressed event), for tests to read. Retries of one
/// event share <see cref="WebhookId"/> and <see cref="EventId"/>, as Shopify's do.
/// </summary>
public sealed record WebhookDelivery(
    string Shop, string Topic, string Uri, string WebhookId, string EventId, int Attempt,
    int? StatusCode, bool Delivered, bool Suppressed, DateTimeOffset At, string Body, string? Error);
