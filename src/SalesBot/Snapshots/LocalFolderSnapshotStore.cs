using System.Text.Json;

namespace SalesBot.Snapshots;

/// <summary>
/// The embedded default: snapshots as files under <c>DATA_DIR/snapshots</c> with the same key layout
/// as Spaces. The hash sits in a sidecar file; writes go to a temp file and are renamed into place.
/// </summary>
public sealed class LocalFolderSnapshotStore(string root) : ISnapshotStore
{
    public string Kind => "local";

    public string Root { get; } = Path.GetFullPath(root);

    public Task<SnapshotHead?> HeadAsync(string shop, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathFor(shop));
        return Task.FromResult(file.Exists ? HeadOf(shop, file) : null);
    }

    public async Task<SnapshotObject?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathFor(shop));
        if (!file.Exists) return null;
        try
        {
            var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
            file.Refresh();
            return new SnapshotObject(HeadOf(shop, file) with { Length = bytes.Length }, bytes);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public async Task PutAsync(string shop, ReadOnlyMemory<byte> json, string contentHash, CancellationToken cancellationToken)
    {
        var target = PathFor(shop);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Object first, hash second: a crash in between leaves a stale hash, which only causes one extra upload.
        await WriteAtomicallyAsync(target, json, cancellationToken);
        await WriteAtomicallyAsync(MetaPathFor(target), JsonSerializer.SerializeToUtf8Bytes(new Meta(contentHash)), cancellationToken);
    }

    public Task DeleteAsync(string shop, CancellationToken cancellationToken)
    {
        var target = PathFor(shop);
        File.Delete(target);
        File.Delete(MetaPathFor(target));
        return Task.CompletedTask;
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Root);
            var probe = Path.Combine(Root, $".probe-{Guid.NewGuid():N}");
            await File.WriteAllBytesAsync(probe, [], cancellationToken);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotStoreException($"the local snapshot folder {Root} cannot be written ({e.GetType().Name})", e);
        }
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, bytes, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    private SnapshotHead HeadOf(string shop, FileInfo file)
    {
        string? hash = null;
        try
        {
            hash = JsonSerializer.Deserialize<Meta>(File.ReadAllBytes(MetaPathFor(file.FullName)))?.ContentHash;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            // No readable sidecar: the hash is unknown, so the next publish rewrites the object.
        }
        return new SnapshotHead(SnapshotKeys.For(shop), hash, file.LastWriteTimeUtc, file.Length);
    }

    private string PathFor(string shop)
    {
        var path = Path.GetFullPath(Path.Combine(Root, SnapshotKeys.For(shop)));
        // Shop names are validated upstream; this keeps a bad one from ever leaving the root.
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException("Shop name escapes the snapshot folder.", nameof(shop));
        return path;
    }

    private static string MetaPathFor(string objectPath) => objectPath + ".meta.json";

    private sealed record Meta(string ContentHash);
}
