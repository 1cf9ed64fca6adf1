namespace SalesBot.Snapshots;

/// <summary>
/// Where catalog snapshots live: <c>&lt;shop&gt;/shopify_data.json</c> in Spaces (S3) or a local folder.
/// The content hash travels with the object as metadata, so "did it change?" is one HEAD.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>A short name for logs and status: <c>spaces</c> or <c>local</c>.</summary>
    string Kind { get; }

    /// <summary>The object's metadata without its body; null when there is no snapshot.</summary>
    Task<SnapshotHead?> HeadAsync(string shop, CancellationToken cancellationToken);

    /// <summary>The object's bytes and metadata; null when there is no snapshot.</summary>
    Task<SnapshotObject?> GetAsync(string shop, CancellationToken cancellationToken);

    /// <summary>Writes the whole object at once: readers see the old object or the new one, never half of it.</summary>
    Task PutAsync(string shop, ReadOnlyMemory<byte> json, string contentHash, CancellationToken cancellationToken);

    Task DeleteAsync(string shop, CancellationToken cancellationToken);

    /// <summary>Proves the store is usable (reachable, credentials accepted, bucket or folder present);
    /// throws <see cref="SnapshotStoreException"/> naming the problem otherwise.</summary>
    Task CheckAsync(CancellationToken cancellationToken);
}

public sealed record SnapshotHead(string Key, string? ContentHash, DateTimeOffset? LastModified, long Length);

public sealed record SnapshotObject(SnapshotHead Head, byte[] Content);

public static class SnapshotKeys
{
    public const string FileName = "shopify_data.json";

    /// <summary>The object key; <paramref name="shop"/> must already be a validated shop domain.</summary>
    public static string For(string shop) => $"{shop}/{FileName}";
}
