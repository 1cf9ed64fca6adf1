using System.ComponentModel.DataAnnotations;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// How a shop's live sync last went, shared by every instance: the last sync that published, and the last
/// failure (what and when), kept after later successes so a merchant can see what the poll had to heal.
/// </summary>
public sealed class ShopSyncState
{
    [Key, MaxLength(255)]
    public required string Shop { get; set; }

    public DateTimeOffset? LastSyncAt { get; set; }

    [MaxLength(16)]
    public string? LastSyncMode { get; set; }

    public DateTimeOffset? LastFailureAt { get; set; }

    [MaxLength(16)]
    public string? LastFailureMode { get; set; }

    [MaxLength(1024)]
    public string? LastFailure { get; set; }

    /// <summary>How many changed items the failure left for the next poll (or for a retry when <see cref="LastFailureRetrying"/>).</summary>
    public int LastFailureUnapplied { get; set; }

    public bool LastFailureRetrying { get; set; }
}
