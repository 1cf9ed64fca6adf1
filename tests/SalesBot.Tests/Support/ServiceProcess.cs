using System.Diagnostics;
using System.Text;

namespace SalesBot.Tests.Support;

/// <summary>
/// The service as its own process (<c>dotnet SalesBot.dll</c> from the test's build output), for what an in-process
/// host cannot show: a SIGKILL (<see cref="Kill"/>) and the service's command line (<see cref="RunCommandAsync"/>).
/// Settings become environment variables, with the same test defaults as <see cref="SalesBotApp"/>; the app's own
/// variables inherited from the test's environment are dropped so a developer's shell cannot leak in.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly string[] AppVariablePrefixes =
        ["SHOPIFY_", "FACEBOOK_", "SPACES_", "OPENAI_", "DATABASE_URL", "BACKUP_", "SNAPSHOT_", "SALESBOT_", "APP_BASE_URL", "DATA_DIR", "ASPNETCORE_", "DOTNET_ENVIRONMENT"];

    private readonly Process _process;
    private readonly StringBuilder _output;

    private ServiceProcess(Process process, StringBuilder output, Uri baseUri, string dataDir)
    {
        _process = process;
        _output = output;
        BaseUri = baseUri;
        DataDir = dataDir;
    }

    public Uri BaseUri { get; }

    public string DataDir { get; }

    public int Id => _process.Id;

    /// <summary>What the process wrote so far (stdout and stderr, interleaved), for failure messages.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "SalesBot.dll");

    /// <summary>Starts the service and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string?> settings, string? dataDir = null, int? port = null)
    {
        dataDir ??= Directory.CreateTempSubdirectory("salesbot-process-").FullName;
        var baseUri = new Uri($"http://127.0.0.1:{port ?? LoopbackPort.Free()}");
        var start = StartInfo(settings, dataDir, baseUri);
        start.ArgumentList.Add(Dll);
        var output = new StringBuilder();
        var process = Launch(start, output);
        var service = new ServiceProcess(process, output, baseUri, dataDir);
        await service.WaitUntilAnsweringAsync();
        return service;
    }

    /// <summary>Runs <c>dotnet SalesBot.dll {arguments}</c> to its end (a command such as restore-backup).</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string[] arguments, IDictionary<string, string?> settings, string dataDir, int seconds = 60)
    {
        var start = StartInfo(settings, dataDir, new Uri("http://127.0.0.1:1"));
        start.ArgumentList.Add(Dll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        var output = new StringBuilder();
        using var process = Launch(start, output);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet SalesBot.dll {string.Join(' ', arguments)} did not end within {seconds}s: {output}");
        }
        process.WaitForExit(); // flushes the redirected output
        lock (output) return (process.ExitCode, output.ToString());
    }

    /// <summary>SIGKILL on Unix: no shutdown hooks, no flush, exactly a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public bool HasExited => _process.HasExited;

    public HttpClient Client() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the service exited with code {_process.ExitCode} before answering: {Output}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "/healthz"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        Kill();
        throw new TimeoutException($"the service did not answer /healthz on {BaseUri} within 60 s: {Output}");
    }

    private static ProcessStartInfo StartInfo(IDictionary<string, string?> settings, string dataDir, Uri baseUri)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => AppVariablePrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
            start.Environment.Remove(name);
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
        foreach (var (key, value) in all)
            if (value is not null) start.Environment[key] = value;
        return start;
    }

    /// <summary>Keeps the last 256 KB: enough for a failure message, bounded however long the service runs.</summary>
    private static void Append(StringBuilder output, string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > 256_000) output.Remove(0, output.Length - 128_000);
        }
    }

    private static Process Launch(ProcessStartInfo start, StringBuilder output)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
