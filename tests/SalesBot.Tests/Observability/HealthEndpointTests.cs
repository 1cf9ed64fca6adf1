using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Observability;

/// <summary>/healthz answers while the process lives; /readyz touches the database and the snapshot store and names what fails.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Alive_and_ready_answer_200_when_the_database_and_the_local_snapshot_folder_work()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>());
        using var http = new HttpClient { BaseAddress = app.BaseUri };

        var (aliveStatus, alive) = await GetAsync(http, "/healthz");
        var (readyStatus, ready) = await GetAsync(http, "/readyz");

        Assert.Equal(HttpStatusCode.OK, aliveStatus);
        Assert.Equal("healthy", alive["status"]!.GetValue<string>());
        Assert.Empty(alive["checks"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, readyStatus);
        Assert.Equal(["database:healthy", "snapshots:healthy"], Checks(ready));
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_snapshot_store_when_spaces_is_unreachable_and_alive_stays_200()
    {
        var endpoint = $"http://127.0.0.1:{ClosedPort()}";
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>
        {
            ["SPACES_BUCKET"] = "salesbot",
            ["SPACES_ACCESS_KEY"] = "KEY",
            ["SPACES_SECRET_KEY"] = "very-secret-value",
            ["SPACES_ENDPOINT"] = endpoint,
        });
        using var http = new HttpClient { BaseAddress = app.BaseUri };

        var (readyStatus, ready) = await GetAsync(http, "/readyz");
        var (aliveStatus, _) = await GetAsync(http, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyStatus);
        Assert.Equal("unhealthy", ready["status"]!.GetValue<string>());
        Assert.Equal(["database:healthy", "snapshots:unhealthy"], Checks(ready));
        // The body names the check, not the endpoint, bucket or keys behind it.
        var body = ready.ToJsonString();
        Assert.DoesNotContain("very-secret-value", body);
        Assert.DoesNotContain(endpoint, body);
        Assert.Equal(HttpStatusCode.OK, aliveStatus);
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_snapshot_store_when_the_local_folder_cannot_be_written()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>());
        using var http = new HttpClient { BaseAddress = app.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/readyz")).Status);

        // A file where the folder should be: what a full or read-only volume looks like to the store (root ignores modes).
        var folder = Path.Combine(app.DataDir, "snapshots");
        Directory.Delete(folder, recursive: true);
        File.WriteAllText(folder, "not a folder");

        var (status, ready) = await GetAsync(http, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(["database:healthy", "snapshots:unhealthy"], Checks(ready));
        Assert.DoesNotContain(app.DataDir, ready.ToJsonString());
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_database_when_the_sqlite_file_is_gone()
    {
        // SQLite on purpose (an empty DATABASE_URL), whatever database the suite runs on.
        await using var app = SalesBotApp.Start(new Dictionary<string, string?> { ["DATABASE_URL"] = "" });
        using var http = new HttpClient { BaseAddress = app.BaseUri };
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/readyz")).Status);

        foreach (var file in Directory.GetFiles(app.DataDir, "salesbot.db*")) File.Delete(file);
        // Pooled connections keep the deleted file open; a new connection is what the next request would get.
        SqliteConnection.ClearAllPools();

        var (status, ready) = await GetAsync(http, "/readyz");
        var (aliveStatus, _) = await GetAsync(http, "/healthz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(["database:unhealthy", "snapshots:healthy"], Checks(ready));
        Assert.Equal(HttpStatusCode.OK, aliveStatus);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static List<string> Checks(JsonObject report) =>
        report["checks"]!.AsArray().Select(c => $"{c!["name"]}:{c["status"]}").Order(StringComparer.Ordinal).ToList();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
