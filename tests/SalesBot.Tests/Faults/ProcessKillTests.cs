using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SalesBot.Catalog;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Faults;

/// <summary>
/// The service as a child process, killed with SIGKILL (no shutdown, nothing flushed) while deliveries wait to be
/// processed and while a publish is in flight: restarted on the same DATA_DIR, it processes every delivery it
/// recorded and the object in Spaces converges to the store's catalog, with no help.
/// </summary>
public sealed class ProcessKillTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    /// <summary>Deliveries sit this long before processing, so the kill finds them recorded and unprocessed.</summary>
    private const string SlowDebounce = "00:00:05";

    [Fact]
    public async Task Killed_with_recorded_deliveries_unprocessed_the_restarted_service_processes_every_one_and_converges()
    {
        await using var sandbox = await StartSandboxAsync();
        var shop = NewShop();
        var settings = Settings(sandbox, s3.Endpoint);
        settings["SHOPIFY_SYNC_DEBOUNCE"] = SlowDebounce;
        var dataDir = Directory.CreateTempSubdirectory("salesbot-kill-").FullName;
        var port = LoopbackPort.Free();
        await using (var service = await ServiceProcess.StartAsync(settings, dataDir, port))
        {
            await InstallAsync(service, shop);
            var store = sandbox.Sandbox.GetStore(shop);
            var products = store.Products.Values.ToList();
            using var admin = Admin(sandbox, shop);
            var before = Acknowledged(sandbox, shop).Count;
            foreach (var p in products.Take(6))
                await admin.SendAsync(HttpMethod.Patch, $"variants/{p.Variants[0].Id}", new { price = p.Variants[0].Price + 1m });
            await admin.SendAsync(HttpMethod.Delete, $"products/{products[7].Id}");
            var acknowledged = await WaitForAcknowledgedAsync(sandbox, shop, before + 7);

            service.Kill();

            var recorded = Deliveries(dataDir);
            Assert.All(acknowledged, id => Assert.True(recorded.ContainsKey(id), $"delivery {id} was answered 200 but is not in the table"));
            Assert.True(recorded.Values.Count(processed => !processed) > 0, "every delivery was processed before the kill: the test did not exercise a crash mid-work");
        }

        settings["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:00.100";
        await using var restarted = await ServiceProcess.StartAsync(settings, dataDir, port);
        await LiveShop.WaitUntilAsync(() => Task.FromResult(Deliveries(dataDir).Values.All(processed => processed)), "every recorded delivery to be processed after the restart", 15);
        await WaitForMirrorAsync(sandbox, shop);
    }

    [Fact]
    public async Task Killed_while_a_publish_hangs_the_restarted_service_publishes_the_catalog()
    {
        await using var sandbox = await StartSandboxAsync();
        await using var proxy = new TcpFaultProxy(s3.Port);
        var shop = NewShop();
        var settings = Settings(sandbox, proxy.Endpoint);
        var dataDir = Directory.CreateTempSubdirectory("salesbot-kill-").FullName;
        var port = LoopbackPort.Free();
        await using (var service = await ServiceProcess.StartAsync(settings, dataDir, port))
        {
            await InstallAsync(service, shop);
            var store = sandbox.Sandbox.GetStore(shop);
            var product = store.Products.Values.First();

            proxy.Set(TcpFaultProxy.Mode.Stall);
            using var admin = Admin(sandbox, shop);
            await admin.SendAsync(HttpMethod.Patch, $"products/{product.Id}", new { title = product.Title + " (killed mid-publish)" });
            await LiveShop.WaitUntilAsync(() => Task.FromResult(proxy.StalledConnections > 0), "the sync's request to Spaces to hang", 10);

            service.Kill();
        }
        proxy.Set(TcpFaultProxy.Mode.Forward);

        await using var restarted = await ServiceProcess.StartAsync(settings, dataDir, port);
        await WaitForMirrorAsync(sandbox, shop);
        await LiveShop.WaitUntilAsync(() => Task.FromResult(Deliveries(dataDir).Values.All(processed => processed)), "every recorded delivery to be processed", 15);
    }

    private static string NewShop() => $"kill-{Guid.NewGuid():N}"[..17] + ".myshopify.com";

    private static Task<ShopifySandboxServer> StartSandboxAsync() => ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
    {
        Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 10, VariantsPerProduct = 2, Collections = 2, Discounts = 2, Locations = 2 }),
        ThrottleBucketSize = 100_000,
        ThrottleRestoreRate = 100_000,
        WebhookRetryDelays = [TimeSpan.FromMilliseconds(200)],
    });

    /// <summary>SQLite on purpose: the test reads the deliveries table from the file the killed process left.</summary>
    private Dictionary<string, string?> Settings(ShopifySandboxServer sandbox, string spacesEndpoint)
    {
        var settings = LiveShop.Settings(s3, sandbox, new Dictionary<string, string?> { ["DATABASE_URL"] = "" });
        settings["SPACES_ENDPOINT"] = spacesEndpoint;
        return settings;
    }

    private static async Task InstallAsync(ServiceProcess service, string shop)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = service.BaseUri, Timeout = TimeSpan.FromMinutes(2),
        };
        var (status, body) = await InstallFlow.InstallAsync(browser, shop.Split('.')[0]);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString() + service.Output);
        Assert.Equal("success", body["upload_status_result"]!["status"]!.GetValue<string>());
    }

    private static HttpClient Admin(ShopifySandboxServer sandbox, string shop) =>
        new() { BaseAddress = new Uri(sandbox.ShopUri(shop), "admin/sandbox/") };

    /// <summary>Event ids of the deliveries the service answered 200, once there are at least <paramref name="count"/>.</summary>
    private static async Task<HashSet<string>> WaitForAcknowledgedAsync(ShopifySandboxServer sandbox, string shop, int count)
    {
        await LiveShop.WaitUntilAsync(() => Task.FromResult(Acknowledged(sandbox, shop).Count >= count), $"{count} deliveries answered 200", 10);
        return Acknowledged(sandbox, shop);
    }

    private static HashSet<string> Acknowledged(ShopifySandboxServer sandbox, string shop) =>
        sandbox.Sandbox.Webhooks.Deliveries.Where(d => d.Shop == shop && d.Delivered).Select(d => d.EventId).ToHashSet();

    /// <summary>Every recorded delivery: event id → processed, read from the SQLite file itself.</summary>
    private static Dictionary<string, bool> Deliveries(string dataDir)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "salesbot.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EventId, ProcessedAt IS NOT NULL FROM WebhookDeliveries";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, bool>();
        while (reader.Read()) rows[reader.GetString(0)] = reader.GetBoolean(1);
        return rows;
    }

    private async Task WaitForMirrorAsync(ShopifySandboxServer sandbox, string shop)
    {
        using var store = new S3SnapshotStore(SpacesClient.Create(s3.Options()), S3rverFixture.Bucket, s3.Endpoint);
        var expected = StoreMirror.Of(sandbox.Sandbox.GetStore(shop));
        List<string>? last = null;
        await LiveShop.WaitUntilAsync(async () =>
        {
            try
            {
                var snapshot = await store.GetAsync(shop, default);
                if (snapshot is null) return false;
                last = StoreMirror.Of(JsonSerializer.Deserialize(snapshot.Content, CatalogJson.Default.ShopifyData)!.Data);
                return last.SequenceEqual(expected);
            }
            catch (SnapshotStoreException)
            {
                return false;   // read raced an upload (s3rver writes in place)
            }
        }, "the object in Spaces to match the store's catalog", 15);
    }
}

internal static class SandboxAdminCalls
{
    public static async Task SendAsync(this HttpClient admin, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = System.Net.Http.Json.JsonContent.Create(body);
        using var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
