using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SalesBot.Bench;

/// <summary>
/// A server the bench starts as its own OS process on a free 127.0.0.1 port (SalesBot's Release build, the reference
/// Node server, s3rver), killed with its process tree on dispose. Output is drained; the last lines are kept for errors.
/// </summary>
public sealed class BenchProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly List<string> _cleanup = [];

    private BenchProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
    }

    public string Name { get; }
    public int Port { get; }
    public int Pid => _process.Id;
    public Uri BaseUri => new($"http://127.0.0.1:{Port}");

    /// <summary>SalesBot's DATA_DIR (deleted on dispose); null for the other servers.</summary>
    public string? DataDir { get; private set; }

    /// <summary>The last lines the process wrote (stdout and stderr), for error messages.</summary>
    public string Tail { get { lock (_tail) return string.Join('\n', _tail); } }

    public static string RepoRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SalesBot.slnx")))
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("SalesBot.slnx not found above " + AppContext.BaseDirectory);
        return root;
    }


    /// <summary>
    /// SalesBot's Release build (<c>dotnet src/SalesBot/bin/Release/net10.0/SalesBot.dll</c>, built by the bench's project
    /// reference) with a temp DATA_DIR as working folder, bound to 127.0.0.1. <paramref name="env"/> adds the app's settings.
    /// </summary>
    public static async Task<BenchProcess> StartSalesBotAsync(IDictionary<string, string> env, string? dataDir = null)
    {
        var root = RepoRoot();
        var dll = Path.Combine(root, "src", "SalesBot", "bin", "Release", "net10.0", "SalesBot.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the bench in Release first");
        dataDir ??= Directory.CreateTempSubdirectory("salesbot-bench-").FullName;
        var port = LoopbackPort.Free();
        var all = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DATA_DIR"] = dataDir,
            ["APP_BASE_URL"] = $"http://127.0.0.1:{port}",
            ["SHOPIFY_POLL_INTERVAL"] = "01:00:00",
            // A real Shopify key needs a Meta app beside it (the app refuses to start otherwise); the benches drive no
            // Messenger traffic, and should anything call the Graph API it stays on loopback.
            ["FACEBOOK_APP_ID"] = "salesbot-bench",
            ["FACEBOOK_APP_SECRET"] = "salesbot-bench-secret",
            ["FACEBOOK_GRAPH_ORIGIN"] = "http://127.0.0.1:9",
        };
        foreach (var (k, v) in env) all[k] = v;
        var p = await StartAsync("SalesBot", "dotnet", [dll], all, dataDir, port);
        p._cleanup.Add(dataDir);
        p.DataDir = dataDir;
        await p.WaitForHttpAsync("/", TimeSpan.FromSeconds(60));
        return p;
    }

    /// <summary>bench/reference-node/server.js (Express + @shopify/shopify-api); needs <c>npm ci --prefix bench/reference-node</c>.</summary>
    public static async Task<BenchProcess> StartReferenceNodeAsync(string apiKey, string secret)
    {
        var dir = Path.Combine(RepoRoot(), "bench", "reference-node");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "@shopify", "shopify-api")))
            throw new InvalidOperationException($"{dir}/node_modules is missing: run npm ci --prefix bench/reference-node");
        var port = LoopbackPort.Free();
        var p = await StartAsync("reference-node", "node", [Path.Combine(dir, "server.js")],
            new Dictionary<string, string> { ["SHOPIFY_API_KEY"] = apiKey, ["SHOPIFY_API_SECRET"] = secret, ["PORT"] = port.ToString(), ["NODE_ENV"] = "production" },
            dir, port);
        await p.WaitForHttpAsync("/", TimeSpan.FromSeconds(30));
        return p;
    }

    /// <summary>s3rver from tests/tools (npm ci --prefix tests/tools) with one bucket, in a temp folder.</summary>
    public static async Task<BenchProcess> StartS3rverAsync(string bucket)
    {
        var script = Path.Combine(RepoRoot(), "tests", "tools", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"{script} is missing: run npm ci --prefix tests/tools");
        var dir = Directory.CreateTempSubdirectory("s3rver-bench-").FullName;
        var port = LoopbackPort.Free();
        var p = await StartAsync("s3rver", "node", [script, "-d", dir, "-a", "127.0.0.1", "-p", port.ToString(), "--silent", "--configure-bucket", bucket],
            new Dictionary<string, string>(), dir, port);
        p._cleanup.Add(dir);
        await p.WaitForHttpAsync("/", TimeSpan.FromSeconds(30));
        return p;
    }

    private static Task<BenchProcess> StartAsync(string name, string file, string[] args, IDictionary<string, string> env, string workingDirectory, int port)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var (k, v) in env) start.Environment[k] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var p = new BenchProcess(name, process, port);
        process.OutputDataReceived += (_, e) => p.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => p.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return Task.FromResult(p);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            while (_tail.Count > 40) _tail.Dequeue();
        }
    }

    private async Task WaitForHttpAsync(string path, TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Tail}");
            try { using var _ = await http.GetAsync(new Uri(BaseUri, path)); return; }
            catch (HttpRequestException) { await Task.Delay(100); }
            catch (TaskCanceledException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"{Name} did not answer on {BaseUri} within {limit.TotalSeconds}s:\n{Tail}");
    }

    /// <summary>Resident set size of the process right now, from /proc (0 elsewhere).</summary>
    public long RssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException) { }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        foreach (var dir in _cleanup)
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
