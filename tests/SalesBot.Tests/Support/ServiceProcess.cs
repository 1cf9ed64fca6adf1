using System.Diagnostics;
using System.Text;

namespace SalesBot.Tests.Support;

/// <summary>
/// SalesBot (or another <c>dotnet</c> command) as a child process, for what an in-process host cannot show: the exit
/// code and every line an operator sees, the working folder it is started from, a published build, a SIGKILL.
/// The child's environment is only what the test gives plus what dotnet itself needs, so neither a developer's shell
/// nor the test host (SHOPIFY_*, FACEBOOK_*, SALESBOT_*, ASPNETCORE_*, ...) can leak in.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    /// <summary>What dotnet needs to find itself and its caches; nothing the app reads.</summary>
    private static readonly string[] Inherited = ["PATH", "HOME", "TMPDIR", "DOTNET_ROOT", "DOTNET_CLI_HOME", "NUGET_PACKAGES"];

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private Uri? _baseUri;

    private ServiceProcess(ProcessStartInfo start)
    {
        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The SalesBot.dll of the test's build output (the test project references the service).</summary>
    public static string BuiltDll => Path.Combine(AppContext.BaseDirectory, "SalesBot.dll");

    /// <summary>Starts <c>dotnet {dll} {args}</c> (the build output's dll unless given) in <paramref name="workingDirectory"/> (the dll's folder unless given).</summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string?> environment, string[]? args = null, string? dll = null, string? workingDirectory = null)
    {
        dll ??= BuiltDll;
        return Dotnet([dll, .. args ?? []], environment, workingDirectory ?? Path.GetDirectoryName(dll)!);
    }

    /// <summary>Starts <c>dotnet {arguments}</c> as typed (<c>dotnet run</c>, <c>dotnet publish</c>).</summary>
    public static ServiceProcess Dotnet(string[] arguments, IReadOnlyDictionary<string, string?> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var key in start.Environment.Keys.Where(k => !Inherited.Contains(k)).ToList()) start.Environment.Remove(key);
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
            if (value is null) start.Environment.Remove(key); else start.Environment[key] = value;
        return new ServiceProcess(start);
    }

    /// <summary>
    /// The service from the build output with the same test defaults as <see cref="SalesBotApp"/> (settings win),
    /// on DATA_DIR and a loopback port, once <c>/healthz</c> answers.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string?> settings, string? dataDir = null, int? port = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("salesbot-process-").FullName;
        var baseUri = new Uri($"http://127.0.0.1:{port ?? LoopbackPort.Free()}");
        var service = Start(TestSettings(settings, dataDir, baseUri));
        try
        {
            await service.WaitForHealthAsync(baseUri, TimeSpan.FromSeconds(60));
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }
        return service;
    }

    /// <summary>Runs <c>dotnet SalesBot.dll {arguments}</c> with the test defaults to its end (a command such as restore-backup).</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string[] arguments, IDictionary<string, string?> settings, string dataDir, int seconds = 60)
    {
        await using var command = Start(TestSettings(settings, dataDir, new Uri("http://127.0.0.1:1")), arguments);
        var exitCode = await command.WaitForExitAsync(TimeSpan.FromSeconds(seconds));
        return (exitCode, command.Output);
    }

    /// <summary>The address <c>/healthz</c> answered on (after <see cref="StartAsync"/> or <see cref="WaitForHealthAsync"/>).</summary>
    public Uri BaseUri => _baseUri ?? throw new InvalidOperationException("BaseUri is known once /healthz has answered");

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote so far, stdout and stderr interleaved, as written.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Every non-empty line printed so far, trimmed.</summary>
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Waits until <c>/healthz</c> on <paramref name="baseUri"/> answers 200; fails with the output if the process exits or time runs out.</summary>
    public async Task WaitForHealthAsync(Uri baseUri, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the service exited with code {_process.ExitCode} before answering: {Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(baseUri, "/healthz"));
                if (response.IsSuccessStatusCode)
                {
                    _baseUri = baseUri;
                    return;
                }
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the service did not answer /healthz on {baseUri} within {timeout.TotalSeconds} s: {Output}");
    }

    /// <summary>Waits until a printed line contains <paramref name="text"/>; fails with the output if the process exits or time runs out.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited ({_process.ExitCode}) before printing '{text}':\n{Output}");
            if (DateTime.UtcNow > until) throw new TimeoutException($"No line with '{text}' within {timeout}:\n{Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>The exit code once the process ends; killed, and a <see cref="TimeoutException"/>, if it keeps running.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"dotnet {string.Join(' ', _process.StartInfo.ArgumentList)} kept running past {timeout}:\n{Output}");
        }
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL on Unix: no shutdown hooks, no flush, exactly a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Dictionary<string, string?> TestSettings(IDictionary<string, string?> settings, string dataDir, Uri baseUri)
    {
        var all = new Dictionary<string, string?>
        {
            ["DATA_DIR"] = dataDir,
            ["APP_BASE_URL"] = baseUri.ToString().TrimEnd('/'),
            ["ASPNETCORE_URLS"] = baseUri.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["SHOPIFY_POLL_INTERVAL"] = "01:00:00",
            ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:00.100",
            ["SNAPSHOT_RETRY_INITIAL_DELAY"] = "00:00:00.200",
            ["SNAPSHOT_RETRY_MAX_DELAY"] = "00:00:01",
            ["BACKUP_INTERVAL"] = "00:00:00",
        };
        foreach (var (key, value) in settings) all[key] = value;
        if (!all.ContainsKey("DATABASE_URL") && TestDatabase.UrlFor(dataDir) is { } databaseUrl) all["DATABASE_URL"] = databaseUrl;
        return all;
    }

    /// <summary>Keeps the last 256 KB: enough for a failure message, bounded however long the service runs.</summary>
    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 256_000) _output.Remove(0, _output.Length - 128_000);
        }
    }
}
