using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Catalog;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Snapshots;
using SalesBot.Tests.Assistant;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// The app in sandbox mode on real Kestrel, with the test catalog for the demo store and the pre-configured sandbox page:
/// shoppers write through the sandbox chat API (signed webhooks to the app), the app answers through the in-app sandbox
/// Graph API over HTTP. An optional fake clock is shared by the app and the sandbox, so a test can move past Meta's windows.
/// </summary>
public sealed class InboxApp : IAsyncDisposable
{
    public const string Shop = FacebookApp.SandboxShop;
    public const string PageId = FacebookApp.SandboxPageId;
    private readonly string _dataDir;
    private readonly WebApplicationFactory<Program> _factory;

    private readonly bool _ownsDataDir;

    private InboxApp(WebApplicationFactory<Program> factory, string baseUrl, string dataDir, bool ownsDataDir)
    {
        _factory = factory;
        BaseUri = new Uri(baseUrl);
        _dataDir = dataDir;
        _ownsDataDir = ownsDataDir;
    }

    /// <summary>The app's DATA_DIR (and so its database): pass it to <see cref="StartAsync"/> to restart on the same state.</summary>
    public string DataDir => _dataDir;

    public Uri BaseUri { get; }

    public IServiceProvider Services => _factory.Services;

    public FacebookSandboxState Sandbox => Services.GetRequiredService<FacebookSandboxState>();

    public ConversationDispatcher Dispatcher => Services.GetRequiredService<ConversationDispatcher>();

    /// <summary>With <paramref name="dataDir"/>, a restart on that state; the caller then deletes the folder.</summary>
    /// <param name="catalog">The demo store's snapshot; the test boutique by default.</param>
    /// <param name="settings">More app settings (environment names), e.g. OPENAI_* for LLM mode.</param>
    public static async Task<InboxApp> StartAsync(TimeProvider? time = null, string? dataDir = null, ShopifyData? catalog = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var ownsDataDir = dataDir is null;
        dataDir ??= Path.Combine(Path.GetTempPath(), "salesbot-inbox-" + Guid.NewGuid().ToString("N"));
        var store = new LocalFolderSnapshotStore(Path.Combine(dataDir, "snapshots"));
        await store.PutAsync(TestCatalog.Shop, JsonSerializer.SerializeToUtf8Bytes(catalog ?? TestCatalog.Create(), CatalogJson.Default.ShopifyData), "hash-1", default);
        var port = LoopbackPort.Free();
        var baseUrl = $"http://127.0.0.1:{port}";
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("DATA_DIR", dataDir).UseTestDatabase(dataDir);
            web.UseSetting("APP_BASE_URL", baseUrl);
            web.UseSetting("FACEBOOK_HANDOFF_PAUSE", "00:30:00");
            web.UseEnvironment("Testing");
            // Every message is its own turn unless a test asks for batching (a fake clock would otherwise hold each turn forever).
            web.UseSetting("FACEBOOK_BATCH_WINDOW", "00:00:00");
            foreach (var (name, value) in settings ?? new Dictionary<string, string?>()) web.UseSetting(name, value);
            web.ConfigureServices(services =>
            {
                services.AddSingleton<ISnapshotStore>(store);
                if (time is not null) services.AddSingleton(time);
            });
        });
        factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        return new InboxApp(factory, baseUrl, dataDir, ownsDataDir);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Browser() => new(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = BaseUri,
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>A shopper writes on the sandbox chat page: a signed webhook reaches the app; waits until its turn ran.</summary>
    public async Task ShopperSaysAsync(string psid, string text)
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        using var response = await http.PostAsJsonAsync("/sandbox/facebook/chat/send", new { psid, text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
        await IdleAsync();
    }

    /// <summary>A shopper writes (text, or a quick reply's payload) without waiting for the turn: batching tests drive the clock themselves.</summary>
    public async Task ShopperSendsAsync(string psid, string text, string? quickReply = null)
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        using var response = await http.PostAsJsonAsync("/sandbox/facebook/chat/send", new { psid, text, payload = quickReply });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    /// <summary>A sandbox chat API call as the Page Inbox person (<c>admin-reply</c>, <c>inbox-done</c>); waits until its webhook's turn ran.</summary>
    public async Task<HttpResponseMessage> PageInboxAsync(string action, object body)
    {
        using var http = new HttpClient { BaseAddress = BaseUri };
        var response = await http.PostAsJsonAsync("/sandbox/facebook/chat/" + action, body);
        await IdleAsync();
        return response;
    }

    /// <summary>An echo of a message sent on the page by <paramref name="appId"/>, signed as Meta signs webhooks.</summary>
    public async Task PostEchoAsync(string psid, string text, string appId)
    {
        var body = MessengerAppFixture.Body(MessengerAppFixture.Echo(psid, text, appId));
        using var http = new HttpClient { BaseAddress = BaseUri };
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = content };
        request.Headers.Add(SalesBot.Signing.MetaSignature.HeaderName, new SalesBot.Signing.MetaSignature(SalesBot.Configuration.FacebookOptions.SandboxAppSecret).Sign(body));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await IdleAsync();
    }

    /// <summary>Waits until no conversation has work queued or running.</summary>
    public async Task IdleAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        await Task.Delay(50);
        while (!Dispatcher.IsIdle)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The conversation worker did not finish in time.");
            await Task.Delay(20);
        }
    }

    /// <summary>Messages (not sender actions) the app sent to this shopper through the sandbox Send API.</summary>
    public IReadOnlyList<RecordedSend> MessagesTo(string psid) => Sandbox.Sent(psid).Where(s => s.Message is not null).ToList();

    public static string NewPsid() => "psid-" + Guid.NewGuid().ToString("N")[..10];

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (!_ownsDataDir) return;
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }
}
