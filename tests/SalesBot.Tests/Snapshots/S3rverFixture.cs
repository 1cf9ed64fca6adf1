using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SalesBot.Configuration;

namespace SalesBot.Tests.Snapshots;

/// <summary>
/// A real s3rver (npm s3rver@3.7.1, installed by ./test.sh into tests/tools) on a free loopback port with
/// one bucket in a temp folder. <see cref="StopAsync"/> and <see cref="StartAsync"/> simulate an outage:
/// the port and the stored objects survive a restart.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Bucket = "salesbot-test";

    private readonly string directory = Directory.CreateTempSubdirectory("s3rver-").FullName;
    private Process? process;

    public int Port { get; } = LoopbackPort.Free();

    public string Endpoint => $"http://127.0.0.1:{Port}";

    public SpacesOptions Options(string? accessKey = null, string? bucket = null) => new()
    {
        AccessKey = accessKey ?? AccessKey,
        SecretKey = SecretKey,
        Bucket = bucket ?? Bucket,
        Region = "us-east-1",
        Endpoint = Endpoint,
    };

    public Task InitializeAsync() => StartAsync();

    public async Task DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    public async Task StartAsync()
    {
        if (process is { HasExited: false }) return;
        var script = Path.Combine(RepositoryRoot(), "tests", "tools", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver is not installed ({script} is missing): run ./test.sh, or npm ci --prefix tests/tools");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, "-d", directory, "-a", "127.0.0.1", "-p", Port.ToString(), "--silent", "--configure-bucket", Bucket },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync();
    }

    public async Task StopAsync()
    {
        if (process is null) return;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited) throw new InvalidOperationException($"s3rver exited with code {process.ExitCode} on port {Port}");
            try
            {
                // Any HTTP answer (s3rver says 403 to an unsigned request) means it is serving.
                using var _ = await http.GetAsync($"{Endpoint}/{Bucket}");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"s3rver did not answer on {Endpoint} within 20 s");
    }


    internal static string RepositoryRoot() => Support.RepoPaths.Root;
}
