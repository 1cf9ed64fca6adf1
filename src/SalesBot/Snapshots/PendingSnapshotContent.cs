namespace SalesBot.Snapshots;

/// <summary>A publish waiting for storage: its hash, and its bytes unless the caller already holds that hash.</summary>
public sealed record PendingSnapshotContent(string Hash, byte[]? Content);
