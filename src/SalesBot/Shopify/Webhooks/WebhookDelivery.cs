using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// A verified Shopify delivery, recorded before we answer 200 so nothing is lost if the process dies.
/// The event id is the key, which is also how duplicates are refused.
/// </summary>
[Index(nameof(ProcessedAt))]
[Index(nameof(Shop), nameof(ReceivedAt))] // the console's webhook health reads one shop's window
[Index(nameof(ReceivedAt))] // the retention sweep reads the oldest first (Data/Retention)
public sealed class WebhookDelivery
{
    [Key, MaxLength(128)]
    public required string EventId { get; set; }

    [MaxLength(255)]
    public required string Shop { get; set; }

    [MaxLength(64)]
    public required string Topic { get; set; }

    public DateTimeOffset TriggeredAt { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The raw JSON payload (bounded by the receiver's size limit).</summary>
    public required string Payload { get; set; }

    /// <summary>Null until the change is applied (or found to need nothing); the processor resumes from here after a restart.</summary>
    public DateTimeOffset? ProcessedAt { get; set; }

    public int Attempts { get; set; }

    [MaxLength(1024)]
    public string? LastError { get; set; }
}
