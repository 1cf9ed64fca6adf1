using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SalesBot.Keys;

/// <summary>
/// The key ring in <c>DATA_DIR/keys</c> (one instance, SQLite), readable by the service user only: the folder 0700 and
/// every key file 0600 on Unix. The framework's repository writes with the process umask (often 0644).
/// </summary>
public sealed class PrivateFileXmlRepository : IXmlRepository
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly DirectoryInfo _directory;
    private readonly FileSystemXmlRepository _files;

    public PrivateFileXmlRepository(DirectoryInfo directory, ILoggerFactory loggerFactory)
    {
        _directory = directory;
        if (OperatingSystem.IsWindows()) directory.Create();
        else
        {
            Directory.CreateDirectory(directory.FullName, FolderMode);
            File.SetUnixFileMode(directory.FullName, FolderMode);
        }
        _files = new FileSystemXmlRepository(directory, loggerFactory);
        RestrictFiles();
    }

    public string Location => _directory.FullName;

    /// <summary>The folder the keys are in (a backup copies it beside the database).</summary>
    public DirectoryInfo Folder => _directory;

    public IReadOnlyCollection<XElement> GetAllElements() => _files.GetAllElements();

    public void StoreElement(XElement element, string friendlyName)
    {
        _files.StoreElement(element, friendlyName);
        // Inside a 0700 folder nobody else could read the file even before this.
        RestrictFiles();
    }

    private void RestrictFiles()
    {
        if (OperatingSystem.IsWindows()) return;
        foreach (var file in _directory.EnumerateFiles("*.xml"))
            if (File.GetUnixFileMode(file.FullName) != FileMode) File.SetUnixFileMode(file.FullName, FileMode);
    }
}
