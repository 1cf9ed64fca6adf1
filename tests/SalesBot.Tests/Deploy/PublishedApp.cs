using SalesBot.Tests.Support;

namespace SalesBot.Tests.Deploy;

/// <summary>
/// <c>dotnet publish</c> of the service in Release, once per test class, into a temp folder: the same command the
/// Dockerfile's build stage runs, so what is started from <see cref="Dll"/> (with <see cref="ServiceProcess"/>) is what
/// the image would run.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("salesbot-publish-").FullName;

    public string Dll => Path.Combine(Folder, "SalesBot.dll");

    /// <summary>As the Dockerfile names it from the image's platform: linux-x64 or linux-arm64.</summary>
    public static string RuntimeIdentifier =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    public async Task InitializeAsync()
    {
        await using var publish = ServiceProcess.Dotnet(["publish", Path.Combine(RepoPaths.Root, "src", "SalesBot", "SalesBot.csproj"),
            "-c", "Release", "-o", Folder, "-r", RuntimeIdentifier, "--self-contained", "false", "-p:UseAppHost=false", "-v", "q", "-nologo"], new Dictionary<string, string?>(), RepoPaths.Root);
        var exit = await publish.WaitForExitAsync(TimeSpan.FromMinutes(4));
        if (exit != 0 || !File.Exists(Dll)) throw new InvalidOperationException($"dotnet publish exited with {exit}:\n{publish.Output}");
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }
}
