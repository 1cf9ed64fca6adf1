using System.Diagnostics;
using System.Text;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Deploy;

/// <summary>
/// <c>dotnet publish</c> of the service in Release, once per test class, into a temp folder: the same command the
/// Dockerfile's build stage runs, so what is started here is what the image would run.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("salesbot-publish-").FullName;

    public string Dll => Path.Combine(Folder, "SalesBot.dll");

    public async Task InitializeAsync()
    {
        var (exit, output) = await RunAsync("dotnet", ["publish", Path.Combine(RepoPaths.Root, "src", "SalesBot", "SalesBot.csproj"),
            "-c", "Release", "-o", Folder, "-p:UseAppHost=false", "-v", "q", "-nologo"], RepoPaths.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(4));
        if (exit != 0 || !File.Exists(Dll)) throw new InvalidOperationException($"dotnet publish exited with {exit}:\n{output}");
    }

    public Task DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    /// <summary>Starts <c>dotnet SalesBot.dll [args]</c> from the publish folder with exactly this environment (plus PATH and HOME).</summary>
    public Process Start(IReadOnlyDictionary<string, string?> environment, StringBuilder output, params string[] args)
    {
        var start = Prepare("dotnet", [Dll, .. args], Folder, environment);
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public Task<(int Exit, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunAsync("dotnet", [Dll, .. args], Folder, environment, TimeSpan.FromSeconds(30));

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] args, string folder, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        using var process = Process.Start(Prepare(file, args, folder, environment)) ?? throw new InvalidOperationException($"{file} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>
    /// The child gets only the variables given (and what dotnet itself needs), not the test run's: the test host's
    /// ASPNETCORE_* or SALESBOT_TEST_* must not leak into what is meant to be the platform's environment.
    /// </summary>
    private static ProcessStartInfo Prepare(string file, string[] args, string folder, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        var keep = new[] { "PATH", "HOME", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES", "TMPDIR" };
        foreach (var key in start.Environment.Keys.ToList())
            if (!keep.Contains(key)) start.Environment.Remove(key);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return start;
    }
}
