namespace SalesBot.Snapshots;

/// <summary>
/// Tells in-process readers (the assistant's catalog index) that a shop's snapshot changed in storage,
/// so they reload it instead of polling. Only uploads are announced: "unchanged" means nothing to reload.
/// </summary>
public interface ISnapshotNotifier
{
    void Notify(SnapshotPublished published);

    /// <summary>Every notification after the call, until <paramref name="cancellationToken"/> ends the subscription.</summary>
    IAsyncEnumerable<SnapshotPublished> SubscribeAsync(CancellationToken cancellationToken);
}

public sealed record SnapshotPublished(string Shop, string Key, string Hash, long Bytes, DateTimeOffset PublishedAt);
