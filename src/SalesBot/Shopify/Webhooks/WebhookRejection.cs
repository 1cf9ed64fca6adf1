using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// A delivery signed with the app's secret that was still not recorded: refused (a missing header, a body that is not
/// JSON) or ignored as older than the <see cref="DeliveryWindow"/>. Only signed deliveries name a shop worth believing;
/// a bad signature says nothing of which shop sent it and is only logged. Bounded by
/// <see cref="SalesBot.Data.HistoryRetention"/>, pruned by <see cref="WebhookHealthLog"/> as it writes.
/// </summary>
[Index(nameof(Shop), nameof(At))]
public sealed class WebhookRejection
{
    public long Id { get; set; }

    [MaxLength(255)]
    public required string Shop { get; set; }

    public DateTimeOffset At { get; set; }

    [MaxLength(64)]
    public string? Topic { get; set; }

    [MaxLength(255)]
    public required string Reason { get; set; }
}
