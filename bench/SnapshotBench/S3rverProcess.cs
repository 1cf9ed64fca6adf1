using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SnapshotBench;

/// <summary>s3rver from tests/tools (installed by ./test.sh) on a free loopback port, in a temp folder.</summary>
public sealed class S3rverProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory = Directory.CreateTempSubdirectory("s3rver-bench-").FullName;

    public int Port { get; } = LoopbackPort.Free();
    public string Endpoint => $"http://127.0.0.1:{Port}";

    private S3rverProcess(string script, string bucket)
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "-d", directory, "-a", "127.0.0.1", "-p", Port.ToString(), "--silent", "--configure-bucket", bucket },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<S3rverProcess> StartAsync(string bucket)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "SalesBot.slnx"))) root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("SalesBot.slnx not found");
        var script = Path.Combine(root, "tests", "tools", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script)) throw new InvalidOperationException($"{script} is missing: run ./test.sh (or npm ci --prefix tests/tools) first");
        var server = new S3rverProcess(script, bucket);
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try { using var _ = await http.GetAsync(server.Endpoint); return server; }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new TimeoutException("s3rver did not answer");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

}
