using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Snapshots;

/// <summary>A Spaces configuration that cannot work is reported at startup, and the app starts anyway.</summary>
public sealed class SnapshotStorageCheckTests
{
    [Fact]
    public async Task Unreachable_spaces_endpoint_logs_a_warning_naming_it_and_the_app_still_serves()
    {
        var dataDir = Directory.CreateTempSubdirectory("check-").FullName;
        var endpoint = $"http://127.0.0.1:{ClosedPort()}";
        var logs = new LogCollector();
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("DATA_DIR", dataDir)
            .UseSetting("SPACES_BUCKET", "salesbot")
            .UseSetting("SPACES_ACCESS_KEY", "KEY")
            .UseSetting("SPACES_SECRET_KEY", "very-secret-value")
            .UseSetting("SPACES_ENDPOINT", endpoint)
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();

        using var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.IsType<S3SnapshotStore>(app.Services.GetRequiredService<ISnapshotStore>());
        var warning = Assert.Single(logs.Messages, m => m.Contains("Snapshot storage (spaces) is not usable"));
        Assert.Contains($"unreachable endpoint: {endpoint}", warning);
        Assert.DoesNotContain(logs.Messages, m => m.Contains("very-secret-value"));
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
