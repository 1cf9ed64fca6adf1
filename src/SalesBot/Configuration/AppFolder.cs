using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace SalesBot.Configuration;

/// <summary>
/// The app's own folder (beside SalesBot.dll) as the fallback for what the content root lacks. The content root is the
/// current directory, where the operator typed the command; started anywhere else than the app's folder it has no
/// appsettings.json (whose log levels keep per-request and SQL lines out) and no wwwroot (the console's stylesheet).
/// </summary>
internal static class AppFolder
{
    public static void AddDefaults(WebApplicationBuilder builder)
    {
        var appFolder = AppContext.BaseDirectory;
        var contentRoot = builder.Environment.ContentRootPath;
        if (SameFolder(appFolder, contentRoot)) return;

        // Lowest precedence: the content root's own appsettings, environment variables and the command line still win.
        var files = new[] { "appsettings.json", $"appsettings.{builder.Environment.EnvironmentName}.json" };
        var index = 0;
        foreach (var file in files.Where(f => File.Exists(Path.Combine(appFolder, f))))
        {
            var source = new JsonConfigurationSource { Path = file, Optional = true, FileProvider = new PhysicalFileProvider(appFolder) };
            builder.Configuration.Sources.Insert(index++, source);
        }

        if (Directory.Exists(builder.Environment.WebRootPath)) return;
        if (Directory.Exists(Path.Combine(appFolder, "wwwroot")))
            builder.WebHost.UseWebRoot(Path.Combine(appFolder, "wwwroot"));   // a published app
        else
            builder.WebHost.UseStaticWebAssets();                              // a build output: its manifest points at the project's wwwroot
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
