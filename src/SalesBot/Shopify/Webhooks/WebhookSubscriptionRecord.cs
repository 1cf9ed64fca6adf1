using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// A subscription the app holds at Shopify for a shop, as the last registration left it (one row per topic). Kept so
/// the console can show webhook health without spending Admin API points on every page view; replaced at each
/// registration and dropped at uninstall, when Shopify deletes an app's subscriptions.
/// </summary>
[PrimaryKey(nameof(Shop), nameof(Topic))]
public sealed class WebhookSubscriptionRecord
{
    [MaxLength(255)]
    public required string Shop { get; set; }

    [MaxLength(64)]
    public required string Topic { get; set; }

    [MaxLength(1024)]
    public required string Address { get; set; }

    /// <summary>Shopify's gid of the subscription.</summary>
    [MaxLength(255)]
    public string? SubscriptionId { get; set; }

    public DateTimeOffset RegisteredAt { get; set; }
}
