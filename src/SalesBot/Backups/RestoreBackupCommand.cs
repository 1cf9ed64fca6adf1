using SalesBot.Configuration;

namespace SalesBot.Backups;

/// <summary>
/// <c>dotnet SalesBot.dll restore-backup latest|&lt;key&gt;</c>, run with the service stopped and the service's own
/// configuration (.env, environment): downloads a backup from the bucket and puts its database and key ring in
/// DATA_DIR. What was there before is moved aside into <c>DATA_DIR/before-restore-&lt;time&gt;/</c>, never deleted.
/// </summary>
public static class RestoreBackupCommand
{
    public const string Name = "restore-backup";

    public static bool Requested(string[] args) => args is [Name, ..];

    /// <returns>The process exit code: 0 restored, 1 failed, 2 usage or configuration.</returns>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var app = builder.Configuration.Get<AppOptions>() ?? new AppOptions();
        var spaces = builder.Configuration.Get<SpacesOptions>() ?? new SpacesOptions();
        if (!string.IsNullOrEmpty(app.DatabaseUrl))
            return Fail(errors, 2, "DATABASE_URL is set: with PostgreSQL, restore from the managed database's own backups.");
        if (!spaces.UsesObjectStorage || string.IsNullOrEmpty(spaces.AccessKey) || string.IsNullOrEmpty(spaces.SecretKey))
            return Fail(errors, 2, "SPACES_BUCKET, SPACES_ACCESS_KEY and SPACES_SECRET_KEY must be set: backups live in the Spaces bucket.");

        using var bucket = BackupBucket.Create(spaces);
        IReadOnlyList<string> backups;
        try
        {
            backups = await bucket.ListAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            return Fail(errors, 1, $"could not list the backups in bucket '{spaces.Bucket}' at {spaces.EffectiveEndpoint}: {e.GetType().Name}: {e.Message}");
        }
        if (args.Length != 2)
        {
            errors.WriteLine($"usage: dotnet SalesBot.dll {Name} latest|<key>   (with the service stopped)");
            errors.WriteLine(backups.Count == 0 ? $"bucket '{spaces.Bucket}' holds no backups" : "backups, oldest first:");
            foreach (var b in backups) errors.WriteLine("  " + b);
            return 2;
        }
        var key = args[1] == "latest" ? backups.LastOrDefault() : backups.FirstOrDefault(b => b == args[1]);
        if (key is null)
            return Fail(errors, 2, args[1] == "latest" ? $"bucket '{spaces.Bucket}' holds no backups" : $"no backup '{args[1]}' in bucket '{spaces.Bucket}'; run {Name} without a key to list them");

        var dataDir = Path.GetFullPath(app.DataDir, builder.Environment.ContentRootPath);
        try
        {
            var aside = await RestoreAsync(bucket, key, dataDir);
            output.WriteLine($"Restored {key} into {dataDir}." + (aside is null ? "" : $" The files it replaced are in {aside}."));
            output.WriteLine("Start the service now.");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or Amazon.Runtime.AmazonServiceException)
        {
            return Fail(errors, 1, $"could not restore {key}: {e.Message}");
        }
    }

    /// <summary>Downloads and unpacks beside DATA_DIR's files first, so a failed download leaves them untouched.</summary>
    private static async Task<string?> RestoreAsync(BackupBucket bucket, string key, string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'");
        var work = Directory.CreateDirectory(Path.Combine(dataDir, ".restore-" + stamp));
        try
        {
            var archive = Path.Combine(work.FullName, "backup.tar.gz");
            await bucket.DownloadAsync(key, archive, CancellationToken.None);
            var unpacked = Path.Combine(work.FullName, "files");
            await using (var file = File.OpenRead(archive))
                await BackupArchive.ExtractAsync(file, unpacked, CancellationToken.None);
            var database = Path.Combine(unpacked, BackupArchive.DatabaseEntry);
            if (!File.Exists(database)) throw new InvalidDataException("the backup holds no database");

            // The old WAL and shared-memory files belong to the old database: left beside the restored one, SQLite would replay them into it.
            string[] replaced = [BackupArchive.DatabaseEntry, BackupArchive.DatabaseEntry + "-wal", BackupArchive.DatabaseEntry + "-shm", BackupArchive.KeysFolder];
            string? aside = null;
            foreach (var name in replaced)
            {
                var path = Path.Combine(dataDir, name);
                if (!File.Exists(path) && !Directory.Exists(path)) continue;
                aside ??= Directory.CreateDirectory(Path.Combine(dataDir, "before-restore-" + stamp)).FullName;
                if (Directory.Exists(path)) Directory.Move(path, Path.Combine(aside, name));
                else File.Move(path, Path.Combine(aside, name));
            }
            File.Move(database, Path.Combine(dataDir, BackupArchive.DatabaseEntry));
            OwnerOnly(Path.Combine(dataDir, BackupArchive.DatabaseEntry), directory: false);
            var keys = Path.Combine(unpacked, BackupArchive.KeysFolder);
            if (Directory.Exists(keys))
            {
                Directory.Move(keys, Path.Combine(dataDir, BackupArchive.KeysFolder));
                OwnerOnly(Path.Combine(dataDir, BackupArchive.KeysFolder), directory: true);
                foreach (var keyFile in Directory.GetFiles(Path.Combine(dataDir, BackupArchive.KeysFolder))) OwnerOnly(keyFile, directory: false);
            }
            return aside;
        }
        finally
        {
            try { work.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The database and the key ring are for the service user's eyes only.</summary>
    private static void OwnerOnly(string path, bool directory)
    {
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(path, directory
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static int Fail(TextWriter errors, int code, string message)
    {
        errors.WriteLine($"{Name}: {message}");
        return code;
    }
}
