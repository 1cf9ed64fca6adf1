using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Snapshots;

/// <summary>
/// One publish that wrote (or failed to write) a shop's object: when, how many bytes, which hash, and why it failed.
/// A publish that found storage already holding the catalog writes nothing and leaves no row; the sync's own run
/// history says that the run found nothing new. Bounded by <see cref="SalesBot.Data.HistoryRetention"/>, pruned by
/// <see cref="SnapshotPublisher"/> as it writes.
/// </summary>
[Index(nameof(Shop), nameof(At))]
public sealed class SnapshotPublishRecord
{
    public long Id { get; set; }

    [MaxLength(255)]
    public required string Shop { get; set; }

    public DateTimeOffset At { get; set; }

    public long Bytes { get; set; }

    [MaxLength(64)]
    public required string Hash { get; set; }

    /// <summary><see cref="PublishResult.Success"/> (uploaded) or <see cref="PublishResult.Failed"/>.</summary>
    [MaxLength(16)]
    public required string Outcome { get; set; }

    /// <summary>Whether the background retrier made this attempt.</summary>
    public bool Retry { get; set; }

    [MaxLength(1024)]
    public string? Error { get; set; }
}
