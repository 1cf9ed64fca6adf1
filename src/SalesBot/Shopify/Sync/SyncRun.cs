using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// One sync of a shop's catalog (the install's first read, a webhook batch, a poll): when, how it read, what it
/// changed, what it cost and how it ended. Bounded by <see cref="SalesBot.Data.HistoryRetention"/>, pruned by
/// <see cref="SyncRunHistory"/> as it writes.
/// </summary>
[Index(nameof(Shop), nameof(StartedAt))]
public sealed class SyncRun
{
    public long Id { get; set; }

    [MaxLength(255)]
    public required string Shop { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public double Seconds { get; set; }

    /// <summary>What started it: <c>install</c>, <c>incremental</c> (webhooks), <c>full</c> (webhooks, re-read whole) or <c>poll</c>.</summary>
    [MaxLength(16)]
    public required string Kind { get; set; }

    /// <summary>How the catalog was read: <c>bulk</c>, <c>paged</c> or <c>by id</c>; null when nothing was read.</summary>
    [MaxLength(16)]
    public string? Fetch { get; set; }

    public int Added { get; set; }

    public int Updated { get; set; }

    public int Removed { get; set; }

    /// <summary>Changed items the run could not apply (left for a retry or the next poll).</summary>
    public int Unapplied { get; set; }

    public int Queries { get; set; }

    /// <summary>Shopify's <c>actualQueryCost</c>, summed over the run's queries.</summary>
    public long Cost { get; set; }

    /// <summary>The throttle bucket as the run's last response left it (<c>throttleStatus</c>), shared by every instance.</summary>
    public double? BucketAvailable { get; set; }

    public double? BucketMaximum { get; set; }

    public double? RestoreRate { get; set; }

    /// <summary><c>published</c>, <c>unchanged</c> (nothing new to upload), <c>partial</c> (some items refused) or <c>failed</c>.</summary>
    [MaxLength(16)]
    public required string Outcome { get; set; }

    [MaxLength(1024)]
    public string? Error { get; set; }
}
