using System.Formats.Tar;
using System.IO.Compression;

namespace SalesBot.Backups;

/// <summary>
/// One backup is a gzipped tar holding the database copy and the Data Protection key ring, laid out as in DATA_DIR
/// (<c>salesbot.db</c>, <c>keys/*.xml</c>): the tokens in the database are encrypted with those keys, so a database
/// restored without its key ring would hold tokens nobody can read.
/// </summary>
public static class BackupArchive
{
    public const string DatabaseEntry = "salesbot.db";
    public const string KeysFolder = "keys";

    public static async Task<int> WriteAsync(Stream destination, string databaseCopy, DirectoryInfo? keyRing, CancellationToken cancellationToken)
    {
        var keyFiles = 0;
        await using var gzip = new GZipStream(destination, CompressionLevel.Optimal, leaveOpen: true);
        await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
        await tar.WriteEntryAsync(databaseCopy, DatabaseEntry, cancellationToken);
        if (keyRing is { Exists: true })
            foreach (var file in keyRing.GetFiles("*.xml"))
            {
                await tar.WriteEntryAsync(file.FullName, $"{KeysFolder}/{file.Name}", cancellationToken);
                keyFiles++;
            }
        return keyFiles;
    }

    /// <summary>Extracts into <paramref name="folder"/>; anything but the database and key files is refused (no links, no <c>..</c>).</summary>
    public static async Task ExtractAsync(Stream source, string folder, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(source, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType is TarEntryType.Directory) continue;
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !IsExpected(entry.Name))
                throw new InvalidDataException($"the backup holds an unexpected entry '{entry.Name}'");
            var path = Path.Combine(folder, entry.Name.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await entry.ExtractToFileAsync(path, overwrite: true, cancellationToken);
        }
    }

    private static bool IsExpected(string name) =>
        name == DatabaseEntry
        || (name.StartsWith(KeysFolder + "/", StringComparison.Ordinal) && name.EndsWith(".xml", StringComparison.Ordinal)
            && name.IndexOf('/', KeysFolder.Length + 1) < 0 && !name.Contains("..", StringComparison.Ordinal));
}
