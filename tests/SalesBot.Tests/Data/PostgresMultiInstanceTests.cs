using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Webhooks;
using SalesBot.Signing;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Data;

/// <summary>
/// Two app instances (own DATA_DIR, own port) over one PostgreSQL database, as when one machine is not
/// enough: what one instance stores, the other can use, and single-use things stay single-use across them.
/// </summary>
public sealed class PostgresMultiInstanceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Shop = "multi-store.myshopify.com";

    [PostgresFact]
    public async Task Two_instances_started_together_on_an_empty_database_share_the_installed_token()
    {
        await using var sandbox = await StartSandboxAsync();
        var (a, b) = await StartPairAsync(sandbox);
        await using var _ = a;
        await using var __ = b;

        var body = await InstallThroughAsync(a);

        Assert.Equal("success", body["webhook_test"]!["status"]!.GetValue<string>());
        var token = await a.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default);
        Assert.NotNull(token);
        Assert.Equal(token, await b.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default));
        var row = await b.Get<ShopTokenStore>().FindAsync(Shop, default);
        Assert.DoesNotContain(token, row!.ProtectedAccessToken);
        // The keys that encrypt it live in the database, not in either instance's folder.
        Assert.False(Directory.Exists(Path.Combine(a.DataDir, "keys")));
        Assert.False(Directory.Exists(Path.Combine(b.DataDir, "keys")));
        await using var db = await b.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        Assert.Single(await db.DataProtectionKeys.ToListAsync());
        Assert.Contains(Shop, await b.Get<ShopTokenStore>().ListActiveShopsAsync(default));
    }

    [PostgresFact]
    public async Task A_login_started_on_one_instance_completes_once_on_the_other()
    {
        await using var sandbox = await StartSandboxAsync();
        var (a, b) = await StartPairAsync(sandbox);
        await using var _ = a;
        await using var __ = b;
        using var browser = a.Browser();

        using var login = await browser.GetAsync("/shopify/multi-store/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var state = System.Web.HttpUtility.ParseQueryString(login.Headers.Location!.Query)["state"]!;
        using var approve = await browser.GetAsync(new Uri(login.Headers.Location + "&auto_approve=1"));
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        // A load balancer sends the callback to B; the browser's cookie (host-wide, any port) goes with it.
        var onB = new Uri(b.BaseUri, approve.Headers.Location!.PathAndQuery);

        using var callback = await browser.GetAsync(onB);
        Assert.True(callback.StatusCode == HttpStatusCode.OK, await callback.Content.ReadAsStringAsync());
        Assert.NotNull(await a.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default));

        // Replayed on A with the cookie put back: B's consumption is final for every instance.
        using var plain = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        using var replay = new HttpRequestMessage(HttpMethod.Get, new Uri(a.BaseUri, onB.PathAndQuery));
        replay.Headers.Add("Cookie", $"{ShopifyAuthApi.StateCookie}={state}");
        using var refused = await plain.SendAsync(replay);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("unknown, used or expired", await refused.Content.ReadAsStringAsync());
    }

    [PostgresFact]
    public async Task A_delivery_recorded_on_one_instance_is_a_duplicate_on_the_other()
    {
        await using var sandbox = await StartSandboxAsync();
        var (a, b) = await StartPairAsync(sandbox);
        await using var _ = a;
        await using var __ = b;
        var body = Encoding.UTF8.GetBytes("""{"id":1,"title":"Anything"}""");
        // Shopify's header carries an offset; Npgsql stores timestamptz only from UTC values. Recent, so not a stale replay.
        var now = DateTimeOffset.UtcNow;
        var triggeredAt = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero).AddMinutes(-5).ToOffset(TimeSpan.FromHours(2));
        var header = triggeredAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var earlier = triggeredAt.AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var eventId = Guid.NewGuid().ToString();
        using (var first = await PostWebhookAsync(a, body, eventId, header))
            Assert.Contains("Accepted.", await first.Content.ReadAsStringAsync());
        using (var again = await PostWebhookAsync(b, body, eventId, header))
            Assert.Contains("Duplicate delivery ignored.", await again.Content.ReadAsStringAsync());

        // The same delivery arriving at both at once: the key lets one in, both answer 200.
        var raced = Guid.NewGuid().ToString();
        var both = await Task.WhenAll(PostWebhookAsync(a, body, raced, earlier), PostWebhookAsync(b, body, raced, earlier));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in both) r.Dispose();

        await using var db = await b.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        var rows = await db.WebhookDeliveries.AsNoTracking().Where(d => d.EventId == eventId || d.EventId == raced).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(triggeredAt, rows.Single(r => r.EventId == eventId).TriggeredAt);
    }

    private static Task<ShopifySandboxServer> StartSandboxAsync() => ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
    {
        Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 8, VariantsPerProduct = 2, Collections = 2, Discounts = 2, Locations = 2 }),
        ThrottleBucketSize = 100_000,
        ThrottleRestoreRate = 100_000,
    });

    [PostgresFact]
    public async Task A_poll_round_run_by_two_instances_reads_the_catalog_once()
    {
        await using var sandbox = await StartSandboxAsync();
        var (a, b) = await StartPairAsync(sandbox);
        await using var _ = a;
        await using var __ = b;
        await InstallThroughAsync(a);
        var before = sandbox.Sandbox.QueryLog(Shop).Count;

        await Task.WhenAll(
            a.Get<PollingReconciler>().PollAllAsync(default),
            b.Get<PollingReconciler>().PollAllAsync(default));

        // Each full read starts with one Shop query; the second instance found the round already done.
        var fullReads = sandbox.Sandbox.QueryLog(Shop).Skip(before).Count(q => q.OperationName == "Shop");
        Assert.Equal(1, fullReads);
    }

    [PostgresFact]
    public async Task A_lock_makes_a_second_instance_wait_and_leaves_other_shops_free()
    {
        var url = await postgres.CreateDatabaseAsync();
        DistributedLock NewInstance() => new(new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<SalesBotDbContext>(
            new DbContextOptionsBuilder<SalesBotDbContext>().UseNpgsql(PostgresConnectionString.FromUrl(url)).Options));
        var first = NewInstance();
        var second = NewInstance();

        var held = await first.AcquireAsync("shop:" + Shop, default);
        var waiting = second.AcquireAsync("shop:" + Shop, default);
        await using (await second.AcquireAsync("shop:other-store.myshopify.com", default)) { }
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted, "the second instance got the lock while the first held it");

        await held.DisposeAsync();
        await using var got = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static async Task<System.Text.Json.Nodes.JsonObject> InstallThroughAsync(SalesBotApp instance)
    {
        using var browser = instance.Browser();
        var (status, body) = await InstallFlow.InstallAsync(browser, "multi-store");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    /// <summary>Two instances on a fresh database, started at the same moment so their schema creation races.</summary>
    private async Task<(SalesBotApp A, SalesBotApp B)> StartPairAsync(ShopifySandboxServer sandbox)
    {
        var settings = SalesBotApp.AgainstSandbox(sandbox.ApiOrigin);
        settings["DATABASE_URL"] = await postgres.CreateDatabaseAsync();
        var started = await Task.WhenAll(Task.Run(() => SalesBotApp.Start(settings)), Task.Run(() => SalesBotApp.Start(settings)));
        return (started[0], started[1]);
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(SalesBotApp app, byte[] body, string eventId, string triggeredAt)
    {
        using var http = new HttpClient { BaseAddress = app.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/shopify/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ShopifyWebhookHmac.HeaderName, new ShopifyWebhookHmac(ShopifyOptions.SandboxApiSecret).Sign(body));
        request.Headers.Add(WebhookHeaders.Topic, WebhookTopics.ProductsUpdate);
        request.Headers.Add(WebhookHeaders.ShopDomain, Shop);
        request.Headers.Add(WebhookHeaders.ApiVersion, "2026-01");
        request.Headers.Add(WebhookHeaders.WebhookId, eventId);
        request.Headers.Add(WebhookHeaders.EventId, eventId);
        request.Headers.Add(WebhookHeaders.TriggeredAt, triggeredAt);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }
}
