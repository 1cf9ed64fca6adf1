using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Webhooks;
using SalesBot.Signing;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.Faults;

/// <summary>
/// PostgreSQL restarted under two instances (every pooled connection cut, the server away for a moment): both
/// go on without a restart of their own. Shopify's deliveries to either are recorded and processed, and the
/// snapshot ends up exactly the store's catalog.
/// </summary>
public sealed class PostgresRestartTests(PostgresFixture postgres, S3rverFixture s3) : IClassFixture<PostgresFixture>, IClassFixture<S3rverFixture>
{
    private const string Shop = "restart-store.myshopify.com";

    [PostgresFact]
    public async Task Two_instances_recover_from_a_database_restart_without_manual_steps()
    {
        await using var sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 8, VariantsPerProduct = 2, Collections = 2, Discounts = 2, Locations = 2 }),
            ThrottleBucketSize = 100_000,
            ThrottleRestoreRate = 100_000,
            WebhookRetryDelays = [TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)],
        });
        var settings = LiveShop.Settings(s3, sandbox, new Dictionary<string, string?> { ["SHOPIFY_SYNC_DEBOUNCE"] = "00:00:00.100" });
        settings["DATABASE_URL"] = await postgres.CreateDatabaseAsync();
        var logs = new LogCollector();
        await using var a = SalesBotApp.Start(settings, logs: logs);
        await using var b = SalesBotApp.Start(settings, logs: logs);
        using (var browser = a.Browser())
        {
            var (status, body) = await InstallFlow.InstallAsync(browser, Shop.Split('.')[0]);
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }
        var token = await b.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default);

        await postgres.RestartAsync(down: TimeSpan.FromSeconds(1));

        // Shopify's deliveries go to the instance that registered (a); one more is sent to b by hand.
        var store = sandbox.Sandbox.GetStore(Shop);
        var products = store.Products.Values.ToList();
        using var admin = new HttpClient { BaseAddress = new Uri(sandbox.ShopUri(Shop), "admin/sandbox/") };
        await admin.SendAsync(HttpMethod.Patch, $"variants/{products[0].Variants[0].Id}", new { price = products[0].Variants[0].Price + 4m });
        await admin.SendAsync(HttpMethod.Patch, $"products/{products[1].Id}", new { title = products[1].Title + " (after the restart)" });
        await admin.SendAsync(HttpMethod.Patch, $"products/{products[2].Id}?webhook=false", new { title = products[2].Title + " (told to b)" });
        var toB = Guid.NewGuid().ToString();
        using (var response = await PostProductUpdateAsync(b, products[2].Id, toB))
            Assert.True(response.StatusCode == HttpStatusCode.OK || response.StatusCode >= HttpStatusCode.InternalServerError, $"{response.StatusCode}");
        // Shopify retries a refused delivery; a hand-sent one is retried here the same way, until b takes it.
        await LiveShop.WaitUntilAsync(async () =>
        {
            using var response = await PostProductUpdateAsync(b, products[2].Id, toB);
            return response.StatusCode == HttpStatusCode.OK;
        }, "b to accept a delivery after the restart", 15);

        using var snapshots = new S3SnapshotStore(SpacesClient.Create(s3.Options()), S3rverFixture.Bucket, s3.Endpoint);
        var expected = StoreMirror.Of(store);
        await LiveShop.WaitUntilAsync(async () =>
        {
            try
            {
                var snapshot = await snapshots.GetAsync(Shop, default);
                return snapshot is not null && StoreMirror.Of(JsonSerializer.Deserialize(snapshot.Content, CatalogJson.Default.ShopifyData)!.Data).SequenceEqual(expected);
            }
            catch (SnapshotStoreException) { return false; }
        }, "the snapshot to hold every change made after the restart", 15);

        foreach (var instance in new[] { a, b })
        {
            var pending = "";
            var processedBy = DateTime.UtcNow.AddSeconds(15);
            while (true)
            {
                await using var db = await instance.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
                var unprocessed = await db.WebhookDeliveries.Where(d => d.ProcessedAt == null).ToListAsync();
                pending = string.Join("; ", unprocessed.Select(d => $"{d.Topic} {d.EventId} received {d.ReceivedAt:O} attempts {d.Attempts} error {d.LastError}"));
                if (unprocessed.Count == 0 && await db.WebhookDeliveries.AnyAsync(d => d.EventId == toB)) break;
                Assert.True(DateTime.UtcNow < processedBy, $"every delivery to be processed; still pending: {pending}");
                await Task.Delay(100);
            }
            Assert.Equal(token, await instance.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default));
            using var http = new HttpClient { BaseAddress = instance.BaseUri };
            // Ready again (the database and the snapshot store answer), not just alive: the first probe after the
            // restart may still meet a connection the server closed, so readiness gets the moments a platform gives it.
            var readyBy = DateTime.UtcNow.AddSeconds(15);
            HttpStatusCode readiness;
            string readinessBody;
            do
            {
                using var ready = await http.GetAsync("/readyz");
                (readiness, readinessBody) = (ready.StatusCode, await ready.Content.ReadAsStringAsync());
                if (readiness == HttpStatusCode.OK) break;
                await Task.Delay(200);
            } while (DateTime.UtcNow < readyBy);
            Assert.True(readiness == HttpStatusCode.OK, $"readiness after the database restart: {(int)readiness} {readinessBody}\n{string.Join("\n", logs.Messages.Where(m => m.StartsWith("Readiness", StringComparison.Ordinal)))}");
        }
    }

    private static async Task<HttpResponseMessage> PostProductUpdateAsync(SalesBotApp app, long productId, string eventId)
    {
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = productId, ["admin_graphql_api_id"] = $"gid://shopify/Product/{productId}" }.ToJsonString());
        using var http = new HttpClient { BaseAddress = app.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/shopify/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ShopifyWebhookHmac.HeaderName, new ShopifyWebhookHmac(ShopifyOptions.SandboxApiSecret).Sign(body));
        request.Headers.Add(WebhookHeaders.Topic, WebhookTopics.ProductsUpdate);
        request.Headers.Add(WebhookHeaders.ShopDomain, Shop);
        request.Headers.Add(WebhookHeaders.ApiVersion, "2026-01");
        request.Headers.Add(WebhookHeaders.WebhookId, eventId);
        request.Headers.Add(WebhookHeaders.EventId, eventId);
        request.Headers.Add(WebhookHeaders.TriggeredAt, DateTimeOffset.UtcNow.UtcDateTime.ToString("O"));
        return await http.SendAsync(request);
    }
}
