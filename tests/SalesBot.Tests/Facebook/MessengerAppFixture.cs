using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Assistant;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Signing;
using SalesBot.Snapshots;
using SalesBot.Tests.Assistant;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// The app (in-memory test server, temp DATA_DIR, catalog-only mode) talking to the emulated Graph
/// API on a real loopback port, with a test catalog published to a local snapshot folder.
/// </summary>
public sealed class MessengerAppFixture : IAsyncLifetime
{
    public const string PageId = FacebookApp.SandboxPageId;

    /// <summary>How the first reply of every conversation opens by default: the automated-assistant line (no greeting is set).</summary>
    public static readonly string Opening = SalesBot.Assistant.Settings.ShopAssistantSettings.DisclosureLine("Test Boutique") + "\n\n";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "salesbot-fb-" + Guid.NewGuid().ToString("N"));

    public FacebookSandboxServer Sandbox { get; private set; } = null!;
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public ConversationDispatcher Dispatcher => Factory.Services.GetRequiredService<ConversationDispatcher>();

    public async Task InitializeAsync()
    {
        Sandbox = await FacebookSandboxServer.StartAsync();
        var store = new LocalFolderSnapshotStore(Path.Combine(_dataDir, "snapshots"));
        await store.PutAsync(TestCatalog.Shop, JsonSerializer.SerializeToUtf8Bytes(TestCatalog.Create(), CatalogJson.Default.ShopifyData), "hash-1", default);

        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("DATA_DIR", _dataDir).UseTestDatabase(_dataDir);
            web.UseSetting("FACEBOOK_GRAPH_ORIGIN", Sandbox.GraphOrigin);
            web.UseSetting("FACEBOOK_HANDOFF_PAUSE", "00:30:00");
            web.UseSetting("FACEBOOK_BATCH_WINDOW", "00:00:00");
            web.ConfigureServices(services =>
            {
                services.AddSingleton<ISnapshotStore>(store);
                services.AddSingleton(new SendApiRetry(4, TimeSpan.FromMilliseconds(10)));
            });
        });
        Client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Sandbox.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    public static object Message(string psid, string text, string? mid = null, long? timestamp = null, string? quickReply = null) => new
    {
        sender = new { id = psid },
        recipient = new { id = PageId },
        timestamp = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        message = new { mid = mid ?? "m_" + Guid.NewGuid().ToString("N"), text, quick_reply = quickReply is null ? null : new { payload = quickReply } },
    };

    public static object Echo(string psid, string text, string appId) => new
    {
        sender = new { id = PageId },
        recipient = new { id = psid },
        timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        message = new { mid = "m_" + Guid.NewGuid().ToString("N"), text, is_echo = true, app_id = long.TryParse(appId, out var n) ? (object)n : appId },
    };

    public static byte[] Body(params object[] messaging) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        @object = "page",
        entry = new[] { new { id = PageId, time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), messaging } },
    });

    public Task<HttpResponseMessage> PostWebhookAsync(byte[] body, string? signature = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = content };
        request.Headers.Add(MetaSignature.HeaderName, signature ?? new MetaSignature(FacebookOptions.SandboxAppSecret).Sign(body));
        return Client.SendAsync(request);
    }

    /// <summary>Waits until every conversation is processed and <paramref name="done"/> holds.</summary>
    public async Task WaitAsync(Func<bool>? done = null, int timeoutMs = 15000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (Dispatcher.IsIdle && (done?.Invoke() ?? true)) return;
            await Task.Delay(20);
        }
        throw new TimeoutException("The conversation worker did not finish in time.");
    }

    /// <summary>Texts and template titles the app sent to one shopper, in order (sender actions left out).</summary>
    public IReadOnlyList<string> Replies(string psid) => Sandbox.State.Sent(psid)
        .Where(s => s.Message is not null)
        .Select(s => s.Message!.Value.TryGetProperty("text", out var t)
            ? t.GetString()!
            : "cards: " + string.Join(", ", s.Message!.Value.GetProperty("attachment").GetProperty("payload").GetProperty("elements")
                .EnumerateArray().Select(e => e.GetProperty("title").GetString())))
        .ToList();
}
