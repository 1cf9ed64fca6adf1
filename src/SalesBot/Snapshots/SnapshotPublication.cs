using System.ComponentModel.DataAnnotations;

namespace SalesBot.Snapshots;

/// <summary>
/// A shop's publish state: what is in storage now, and the publish that is waiting to get there.
/// The waiting bytes live in <see cref="PendingSnapshot"/>, so reading the status never loads a catalog.
/// </summary>
public sealed class SnapshotPublication
{
    [Key, MaxLength(255)]
    public required string Shop { get; set; }

    /// <summary>The canonical hash of the catalog in storage, as far as this app knows.</summary>
    [MaxLength(64)]
    public string? PublishedHash { get; set; }

    /// <summary>When this app last wrote the object.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    public long? PublishedBytes { get; set; }

    /// <summary>When a publish last confirmed storage holds the current catalog (uploaded or unchanged).</summary>
    public DateTimeOffset? CheckedAt { get; set; }

    [MaxLength(64)]
    public string? PendingHash { get; set; }

    /// <summary>When storage first fell behind; kept while newer catalogs supersede the pending one.</summary>
    public DateTimeOffset? PendingSince { get; set; }

    public int PendingAttempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Why the last attempt failed; a reason without secrets (see <see cref="SnapshotStoreException"/>).</summary>
    [MaxLength(1024)]
    public string? LastError { get; set; }

    public DateTimeOffset? LastErrorAt { get; set; }
}
