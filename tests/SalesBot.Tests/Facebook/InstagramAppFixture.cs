using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SalesBot.Catalog;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Signing;
using SalesBot.Snapshots;
using SalesBot.Tests.Assistant;
using SalesBot.Tests.Support;
using SalesBot.TestKit;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// The app on real Kestrel with a pre-configured page whose Instagram professional account the emulated Graph API links
/// (<c>instagram_business_account</c>), the scripted OpenAI-compatible server as the model, and the sandbox chat API posting
/// signed <c>object: "instagram"</c> webhooks to the app as Meta would.
/// </summary>
public sealed class InstagramAppFixture : IAsyncLifetime
{
    public const string Shop = "ig-shop.myshopify.com";
    public const string AppId = "ig-app";
    public const string AppSecret = "ig-app-secret";
    public const string PageId = "ig-page";
    public const string PageToken = "ig-page-token";
    public const string InstagramAccountId = "17841400000000042";
    public const string InstagramUsername = "boutique.gram";

    private string _dataDir = "";

    public ScriptedOpenAiServer Model { get; private set; } = null!;
    public FacebookSandboxServer Graph { get; private set; } = null!;
    public SalesBotApp App { get; private set; } = null!;
    public HttpClient Chat { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Model = await ScriptedOpenAiServer.StartAsync();
        var port = LoopbackPort.Free();
        Graph = await FacebookSandboxServer.StartAsync(o =>
        {
            (o.AppId, o.AppSecret, o.PageId, o.PageToken) = (AppId, AppSecret, PageId, PageToken);
            (o.InstagramAccountId, o.InstagramUsername) = (InstagramAccountId, InstagramUsername);
            o.WebhookUrl = $"http://127.0.0.1:{port}/facebook/webhook";
        });
        _dataDir = Directory.CreateTempSubdirectory("salesbot-ig-").FullName;
        var snapshots = new LocalFolderSnapshotStore(Path.Combine(_dataDir, "snapshots"));
        await snapshots.PutAsync(Shop, JsonSerializer.SerializeToUtf8Bytes(TestCatalog.Create(), CatalogJson.Default.ShopifyData), "hash-1", default);
        App = SalesBotApp.Start(new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "test-key",
            ["OPENAI_BASE_URL"] = Model.BaseUrl + "/v1",
            ["OPENAI_MODEL"] = "scripted",
            ["FACEBOOK_APP_ID"] = AppId,
            ["FACEBOOK_APP_SECRET"] = AppSecret,
            ["FACEBOOK_VERIFY_TOKEN"] = "ig-verify",
            ["FACEBOOK_GRAPH_ORIGIN"] = Graph.GraphOrigin,
            ["FACEBOOK_PAGE_ID"] = PageId,
            ["FACEBOOK_PAGE_ACCESS_TOKEN"] = PageToken,
            ["FACEBOOK_PAGE_SHOP"] = Shop,
            ["FACEBOOK_BATCH_WINDOW"] = "00:00:00",
            ["SALESBOT_SANDBOX"] = "1",
        }, _dataDir, port);
        Chat = new HttpClient { BaseAddress = new Uri(Graph.BaseUrl + FacebookSandboxExtensions.BasePath + "/chat/") };

        // The pre-configured page's Instagram account is looked up once the app has started.
        var pages = App.Get<PageStore>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await pages.GetAccountAsync(InstagramAccountId, default) is null)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The app never linked the page's Instagram account.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        Chat.Dispose();
        await App.DisposeAsync();
        await Graph.DisposeAsync();
        await Model.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    public static string NewIgsid() => "igsid-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The shopper types in the sandbox chat page's Instagram conversation.</summary>
    public async Task DirectMessageAsync(string igsid, string text)
    {
        using var response = await Chat.PostAsJsonAsync("send", new { psid = igsid, text, channel = "instagram" });
        response.EnsureSuccessStatusCode();
        Assert.Equal(200, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    /// <summary>Posts a signed webhook body straight to the app.</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(byte[] body)
    {
        using var client = new HttpClient { BaseAddress = App.BaseUri };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = content };
        request.Headers.Add(MetaSignature.HeaderName, new MetaSignature(AppSecret).Sign(body));
        return await client.SendAsync(request);
    }

    /// <summary>Waits until the conversation worker is idle and <paramref name="done"/> holds.</summary>
    public async Task WaitAsync(Func<bool> done, int timeoutMs = 30000)
    {
        var dispatcher = App.Get<ConversationDispatcher>();
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (dispatcher.IsIdle && done()) return;
            await Task.Delay(25);
        }
        throw new TimeoutException("The turn did not finish in time.");
    }

    public IReadOnlyList<JsonElement> MessagesTo(string igsid) =>
        Graph.State.Sent(igsid).Where(s => s.Message is not null).Select(s => s.Message!.Value).ToList();
}
