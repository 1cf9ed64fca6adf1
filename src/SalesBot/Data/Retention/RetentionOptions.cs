using Microsoft.Extensions.Configuration;

namespace SalesBot.Data.Retention;

/// <summary>
/// How long the append-only tables keep a row (TimeSpans such as <c>7.00:00:00</c>). Each owner part states and checks
/// its own lower bound where it registers its sweep: a row must outlive the duplicates it exists to refuse.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Processed Shopify webhook deliveries, by when they were received; never less than the replay window.</summary>
    [ConfigurationKeyName("RETENTION_WEBHOOK_DELIVERIES")]
    public TimeSpan WebhookDeliveries { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Processed Messenger events, by when they were received (the conversation itself is kept elsewhere).</summary>
    [ConfigurationKeyName("RETENTION_MESSENGER_EVENTS")]
    public TimeSpan MessengerEvents { get; set; } = TimeSpan.FromDays(7);

    /// <summary>OAuth state nonces, by when they were made; a nonce lives 10 minutes, so this is at least that.</summary>
    [ConfigurationKeyName("RETENTION_OAUTH_STATES")]
    public TimeSpan OAuthStates { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the sweeper runs.</summary>
    [ConfigurationKeyName("RETENTION_SWEEP_INTERVAL")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
