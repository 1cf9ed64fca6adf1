namespace SalesBot.Snapshots;

/// <summary>One row of a shop's publish history, as the console and the status endpoint show it.</summary>
public sealed record SnapshotPublishEntry(DateTimeOffset At, long Bytes, string Hash, string Outcome, bool Retry, string? Error)
{
    public static SnapshotPublishEntry From(SnapshotPublishRecord row) => new(row.At, row.Bytes, row.Hash, row.Outcome, row.Retry, row.Error);
}
