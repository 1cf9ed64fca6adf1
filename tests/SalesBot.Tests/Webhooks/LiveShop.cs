using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SalesBot.Catalog;
using SalesBot.Data;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Shopify.Webhooks;
using SalesBot.Signing;
using SalesBot.Snapshots;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Webhooks;

/// <summary>
/// A sandbox Shopify store, the real app on loopback publishing to s3rver, and helpers to change the
/// store through the sandbox admin endpoints, post signed deliveries and read the snapshot back.
/// Every instance uses its own shop domain so tests sharing one s3rver never see each other's objects.
/// </summary>
public sealed class LiveShop : IAsyncDisposable
{
    public const string Secret = "sandbox-api-secret";

    private readonly S3rverFixture _s3;
    private readonly HttpClient _admin;
    private readonly LogCollector? _logs;
    private HttpClient? _merchant;

    private LiveShop(S3rverFixture s3, ShopifySandboxServer sandbox, string shop, SalesBotApp app, LogCollector? logs)
    {
        _s3 = s3;
        _logs = logs;
        Sandbox = sandbox;
        Shop = shop;
        App = app;
        _admin = new HttpClient { BaseAddress = new Uri(sandbox.ShopUri(shop), "admin/sandbox/") };
    }

    public ShopifySandboxServer Sandbox { get; }

    public string Shop { get; }

    public string ShopName => Shop.Split('.')[0];

    public SalesBotApp App { get; private set; }

    public ShopifyStore Store => Sandbox.Sandbox.GetStore(Shop);

    /// <param name="sandboxOptions">Changes to the sandbox store's behaviour (token lifetimes, throttle…).</param>
    /// <param name="logs">Collects what the app logs, across restarts.</param>
    /// <param name="catalog">The sandbox store's generated catalog (default: 6 small products).</param>
    public static async Task<LiveShop> StartAsync(S3rverFixture s3, IDictionary<string, string?>? settings = null,
        Action<ShopifySandboxOptions>? sandboxOptions = null, LogCollector? logs = null, CatalogGeneratorSpec? catalog = null)
    {
        var options = new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(catalog ?? new CatalogGeneratorSpec
            {
                Products = 6, VariantsPerProduct = 2, Collections = 3, Discounts = 3, Locations = 2,
            }),
            ThrottleBucketSize = 100_000,
            ThrottleRestoreRate = 100_000,
            WebhookRetryDelays = [TimeSpan.FromMilliseconds(200)],
        };
        sandboxOptions?.Invoke(options);
        var sandbox = await ShopifySandboxServer.StartAsync(options);
        var shop = $"live-{Guid.NewGuid():N}"[..17] + ".myshopify.com";
        var app = SalesBotApp.Start(Settings(s3, sandbox, settings), logs: logs);
        DeclareComplianceAddress(sandbox, app);
        return new LiveShop(s3, sandbox, shop, app, logs);
    }

    /// <summary>The app's settings against this sandbox and s3rver (also for a <see cref="ServiceProcess"/>).</summary>
    public static Dictionary<string, string?> Settings(S3rverFixture s3, ShopifySandboxServer sandbox, IDictionary<string, string?>? extra)
    {
        var all = SalesBotApp.AgainstSandbox(sandbox.ApiOrigin);
        all["SPACES_BUCKET"] = S3rverFixture.Bucket;
        all["SPACES_ENDPOINT"] = s3.Endpoint;
        all["SPACES_ACCESS_KEY"] = S3rverFixture.AccessKey;
        all["SPACES_SECRET_KEY"] = S3rverFixture.SecretKey;
        all["SPACES_REGION"] = "us-east-1";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) all[key] = value;
        return all;
    }

    /// <summary>
    /// Stops the app (as a crash would, from the store's point of view) and starts it again on the same DATA_DIR and port;
    /// <paramref name="dataDir"/> starts it on another, after <paramref name="whileStopped"/> (a restore) has run.
    /// </summary>
    public async Task RestartAppAsync(IDictionary<string, string?>? settings = null, bool samePort = true, string? dataDir = null, Func<Task>? whileStopped = null)
    {
        dataDir ??= App.DataDir;
        int? port = samePort ? App.BaseUri.Port : null;
        await App.DisposeAsync();
        if (whileStopped is not null) await whileStopped();
        // On the same port the session cookie stays good (same Data Protection keys in DATA_DIR); elsewhere it is gone.
        if (!samePort)
        {
            _merchant?.Dispose();
            _merchant = null;
        }
        App = SalesBotApp.Start(Settings(_s3, Sandbox, settings), dataDir, port, _logs);
        DeclareComplianceAddress(Sandbox, App);
    }

    /// <summary>Compliance topics go where the app's configuration says, not to a subscription: the app's webhook endpoint.</summary>
    private static void DeclareComplianceAddress(ShopifySandboxServer sandbox, SalesBotApp app) =>
        sandbox.Sandbox.Options.ComplianceWebhookUri = new Uri(app.BaseUri, "/shopify/webhook");

    /// <summary>A browser signed in as this shop's merchant (the sandbox's online-mode sign-in), for merchant-only endpoints such as the status.</summary>
    public async Task<HttpClient> MerchantAsync()
    {
        if (_merchant is not null) return _merchant;
        var browser = App.Browser();
        (await SignInFlow.SignInAsync(browser, ShopName)).Dispose();
        return _merchant = browser;
    }

    public async Task<JsonObject> InstallAsync()
    {
        using var browser = App.Browser();
        var (status, body) = await InstallFlow.InstallAsync(browser, ShopName);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("success", body["upload_status_result"]!["status"]!.GetValue<string>());
        Assert.Equal("success", body["webhook_test"]!["status"]!.GetValue<string>());
        return body;
    }

    /// <summary>A sandbox admin call (see SandboxAdminApi); returns the REST-style body the webhook carries.</summary>
    public async Task<JsonObject> AdminAsync(HttpMethod method, string path, object? body = null, bool webhook = true)
    {
        using var request = new HttpRequestMessage(method, path + (webhook ? "" : "?webhook=false"));
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await _admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public int QueryCount => Sandbox.Sandbox.QueryLog(Shop).Count;

    /// <summary>Operation names of the GraphQL documents the app sent after the first <paramref name="skip"/>.</summary>
    public List<string?> OperationsSince(int skip) => Sandbox.Sandbox.QueryLog(Shop).Skip(skip).Select(q => q.OperationName).ToList();

    /// <summary>The snapshot as stored in s3rver, read through the app's store (null when there is none).</summary>
    public async Task<CatalogData?> SnapshotAsync()
    {
        var snapshot = await App.Get<ISnapshotStore>().GetAsync(Shop, default);
        return snapshot is null ? null : JsonSerializer.Deserialize(snapshot.Content, CatalogJson.Default.ShopifyData)!.Data;
    }

    /// <summary>Polls the stored snapshot until <paramref name="condition"/> holds, for at most <paramref name="seconds"/>.</summary>
    public async Task<CatalogData> WaitForSnapshotAsync(Func<CatalogData, bool> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        CatalogData? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await SnapshotAsync();
                if (last is not null && condition(last)) return last;
            }
            catch (SnapshotStoreException)
            {
                // s3rver writes objects in place: a read racing the app's upload can end early. Read again.
            }
            await Task.Delay(100);
        }
        Assert.Fail($"The snapshot in S3 did not reflect {what} within {seconds}s");
        return last!;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{what} did not happen within {seconds}s");
    }

    public async Task<WebhookDelivery?> DeliveryAsync(string eventId)
    {
        var factory = App.Get<IDbContextFactory<SalesBotDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        return await context.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.EventId == eventId);
    }

    public async Task<int> DeliveryCountAsync()
    {
        var factory = App.Get<IDbContextFactory<SalesBotDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        return await context.WebhookDeliveries.CountAsync();
    }

    public Task WaitProcessedAsync(string eventId, int seconds = 10) =>
        WaitUntilAsync(async () => (await DeliveryAsync(eventId))?.ProcessedAt is not null, $"processing of delivery {eventId}", seconds);

    /// <summary>POSTs a delivery to the app's /shopify/webhook the way Shopify does (all headers, HMAC of the raw body).</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(
        string topic, byte[] body, string? eventId = null, DateTimeOffset? triggeredAt = null,
        string secret = Secret, Action<HttpRequestMessage>? tamper = null)
    {
        using var http = new HttpClient { BaseAddress = App.BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        var request = new HttpRequestMessage(HttpMethod.Post, "/shopify/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ShopifyWebhookHmac.HeaderName, new ShopifyWebhookHmac(secret).Sign(body));
        request.Headers.Add(WebhookHeaders.Topic, topic);
        request.Headers.Add(WebhookHeaders.ShopDomain, Shop);
        request.Headers.Add(WebhookHeaders.ApiVersion, "2026-01");
        var id = eventId ?? Guid.NewGuid().ToString();
        request.Headers.Add(WebhookHeaders.WebhookId, id);
        request.Headers.Add(WebhookHeaders.EventId, id);
        request.Headers.Add(WebhookHeaders.TriggeredAt, (triggeredAt ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("O"));
        tamper?.Invoke(request);
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostWebhookAsync(string topic, JsonNode body, string? eventId = null, DateTimeOffset? triggeredAt = null) =>
        PostWebhookAsync(topic, Encoding.UTF8.GetBytes(body.ToJsonString()), eventId, triggeredAt);

    /// <summary>The sandbox Graph API's page token: a page saved with it can answer through the app's in-process Send API.</summary>
    public const string SandboxPageToken = "sandbox-page-token";

    /// <summary>POSTs a signed Messenger event to the app's /facebook/webhook: a shopper's message, or a page admin's echo.</summary>
    public async Task PostMessengerAsync(string pageId, string psid, string text, string? echoFromAppId = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        object messaging = echoFromAppId is null
            ? new { sender = new { id = psid }, recipient = new { id = pageId }, timestamp = now, message = new { mid = "m_" + Guid.NewGuid().ToString("N"), text } }
            : new { sender = new { id = pageId }, recipient = new { id = psid }, timestamp = now,
                    message = new { mid = "m_" + Guid.NewGuid().ToString("N"), text, is_echo = true, app_id = long.Parse(echoFromAppId) } };
        var body = JsonSerializer.SerializeToUtf8Bytes(new { @object = "page", entry = new[] { new { id = pageId, time = now, messaging = new[] { messaging } } } });
        using var http = new HttpClient { BaseAddress = App.BaseUri };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = content };
        request.Headers.Add(MetaSignature.HeaderName, new MetaSignature(SalesBot.Configuration.FacebookOptions.SandboxAppSecret).Sign(body));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Waits until every recorded Messenger event has had its turn.</summary>
    public async Task WaitForConversationsAsync()
    {
        var dispatcher = App.Get<SalesBot.Facebook.ConversationDispatcher>();
        var factory = App.Get<IDbContextFactory<SalesBotDbContext>>();
        await WaitUntilAsync(async () =>
        {
            await using var context = await factory.CreateDbContextAsync();
            return dispatcher.IsIdle && !await context.MessengerEvents.AnyAsync(e => e.ProcessedAt == null);
        }, "the conversation turns", 20);
    }

    public static long IdOf(string gid) => long.Parse(gid.Split('/')[^1].Split('?')[0]);

    public async ValueTask DisposeAsync()
    {
        _merchant?.Dispose();
        _admin.Dispose();
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
