namespace SalesBot.Snapshots;

/// <summary>What storage holds for the shop and the publish still waiting to get there, if any.</summary>
public sealed record SnapshotStatus(
    string Store,
    string Key,
    string? PublishedHash,
    DateTimeOffset? PublishedAt,
    long? PublishedBytes,
    DateTimeOffset? CheckedAt,
    PendingPublishStatus? Pending)
{
    public static SnapshotStatus From(SnapshotPublication row, string store) => new(
        store,
        SnapshotKeys.For(row.Shop),
        row.PublishedHash,
        row.PublishedAt,
        row.PublishedBytes,
        row.CheckedAt,
        row.PendingHash is null ? null : new PendingPublishStatus(row.PendingHash, row.PendingSince, row.PendingAttempts, row.NextAttemptAt, row.LastError, row.LastErrorAt));
}

public sealed record PendingPublishStatus(
    string Hash,
    DateTimeOffset? Since,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? LastErrorAt);
