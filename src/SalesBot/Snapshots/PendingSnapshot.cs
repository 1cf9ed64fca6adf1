using System.ComponentModel.DataAnnotations;

namespace SalesBot.Snapshots;

/// <summary>
/// The newest catalog of a shop that storage has not accepted yet: one row per shop, replaced by a newer
/// publish. It lives in the database rather than a file under DATA_DIR because the database is what a
/// deployment already keeps durable (PostgreSQL when DATA_DIR is a throwaway container disk), and the
/// bytes and the shop's <see cref="SnapshotPublication"/> state then change in one transaction.
/// </summary>
public sealed class PendingSnapshot
{
    [Key, MaxLength(255)]
    public required string Shop { get; set; }

    [MaxLength(64)]
    public required string Hash { get; set; }

    /// <summary>Exactly the bytes to upload (the serialized <c>ShopifyData</c>).</summary>
    public required byte[] Content { get; set; }

    public DateTimeOffset QueuedAt { get; set; }
}
