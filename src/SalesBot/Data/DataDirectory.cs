using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Data;

/// <summary>
/// DATA_DIR holds the SQLite database (tokens, encrypted) and the key ring that decrypts them: on Unix the folder is made
/// 0700 and the database files 0600, whatever the umask, so only the service user can read them. A folder shared with
/// others (sticky bit, like /tmp) is refused: making it private would break them, leaving it open would expose us.
/// </summary>
public static class DataDirectory
{
    public const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static void Prepare(string dataDir)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataDir);
            return;
        }
        if (Directory.Exists(dataDir) && File.GetUnixFileMode(dataDir).HasFlag(UnixFileMode.StickyBit))
            throw new OptionsValidationException("DATA_DIR", typeof(AppOptions),
                [$"DATA_DIR is {dataDir}, a folder shared with other users (sticky bit, like /tmp); give a folder of its own, such as {Path.Combine(dataDir, "salesbot")}."]);
        Directory.CreateDirectory(dataDir, PrivateFolder);
        if (File.GetUnixFileMode(dataDir) != PrivateFolder) File.SetUnixFileMode(dataDir, PrivateFolder);
    }

    /// <summary>
    /// Creates the SQLite file 0600 before SQLite does (SQLite gives its -wal and -shm files the database's mode), and
    /// restricts the files an older version left readable.
    /// </summary>
    public static void PrepareSqliteFile(string databasePath)
    {
        if (OperatingSystem.IsWindows()) return;
        if (!File.Exists(databasePath))
        {
            // An empty file is a valid empty SQLite database.
            using var _ = new FileStream(databasePath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = PrivateFile });
        }
        foreach (var path in (string[])[databasePath, databasePath + "-wal", databasePath + "-shm"])
            if (File.Exists(path) && File.GetUnixFileMode(path) != PrivateFile) File.SetUnixFileMode(path, PrivateFile);
    }
}
