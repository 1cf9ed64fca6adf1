using SalesBot.Keys;
using System.Diagnostics;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Data;

namespace SalesBot.Backups;

/// <summary>What one backup uploaded and which old ones it deleted.</summary>
public sealed record BackupResult(string Key, long Bytes, int KeyFiles, IReadOnlyList<string> Deleted, TimeSpan Took);

/// <summary>
/// Backs the SQLite database up while the app keeps writing: SQLite's online backup API
/// (<see cref="SqliteConnection.BackupDatabase(SqliteConnection)"/>) copies a consistent state of the database, WAL
/// included, which copying the file would not. The copy and the key ring are packed, uploaded, and the oldest
/// backups beyond the retention count deleted.
/// </summary>
public sealed class DatabaseBackup(
    IDbContextFactory<SalesBotDbContext> factory,
    BackupBucket bucket,
    IOptions<BackupOptions> options,
    IOptions<KeyManagementOptions> keyManagement,
    IOptions<AppOptions> app,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<DatabaseBackup> logger)
{
    public async Task<BackupResult> BackupNowAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var key = BackupKeys.For(time.GetUtcNow());
        // Staged in DATA_DIR, the one path the container may write (the temp folder may be read-only or small).
        var dataDir = Path.GetFullPath(app.Value.DataDir, environment.ContentRootPath);
        // The copy holds every token (encrypted) and the key ring: owner-only, like the database itself.
        var stagingPath = Path.Combine(dataDir, ".backup-staging", Guid.NewGuid().ToString("N"));
        var staging = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(stagingPath)
            : Directory.CreateDirectory(stagingPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            var copy = Path.Combine(staging.FullName, BackupArchive.DatabaseEntry);
            await CopyDatabaseAsync(copy, cancellationToken);
            var archive = Path.Combine(staging.FullName, "backup.tar.gz");
            int keyFiles;
            await using (var file = File.Create(archive))
                keyFiles = await BackupArchive.WriteAsync(file, copy, KeyRingFolder(), cancellationToken);
            await bucket.UploadAsync(key, archive, cancellationToken);
            var deleted = await bucket.PruneAsync(options.Value.Retention, cancellationToken);
            var result = new BackupResult(key, new FileInfo(archive).Length, keyFiles, deleted, started.Elapsed);
            logger.LogInformation("Backed the database up to {Bucket}/{Key} ({Bytes} bytes, {KeyFiles} key files, {Ms} ms); deleted {Deleted} older backups",
                bucket.Name, key, result.Bytes, keyFiles, (long)result.Took.TotalMilliseconds, deleted.Count);
            if (keyFiles == 0)
                logger.LogWarning("The backup holds no Data Protection key ring (none in a folder): keep the key ring safe yourself, or restored tokens cannot be read");
            return result;
        }
        finally
        {
            try { staging.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task CopyDatabaseAsync(string destination, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.GetDbConnection() is not SqliteConnection source)
            throw new InvalidOperationException("Backups copy a SQLite database; with PostgreSQL use the managed database's backups");
        await source.OpenAsync(cancellationToken);
        await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        await target.OpenAsync(cancellationToken);
        // One step copies every page under one read transaction; writers in WAL mode are not blocked meanwhile.
        source.BackupDatabase(target);
    }

    /// <summary>The folder Data Protection keeps its keys in, when it is a folder (SQLite mode: DATA_DIR/keys).</summary>
    private DirectoryInfo? KeyRingFolder() =>
        keyManagement.Value.XmlRepository switch
        {
            PrivateFileXmlRepository files => files.Folder,
            FileSystemXmlRepository files => files.Directory,
            _ => null,
        };
}
