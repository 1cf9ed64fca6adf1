using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SalesBot.Assistant;
using SalesBot.Catalog;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Signing;
using SalesBot.Snapshots;
using SalesBot.Tests.Assistant;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// The whole chat path in the real app on Kestrel, configured only by environment names: a signed
/// Messenger event in, the scripted OpenAI-compatible server as the model, the catalog from a
/// snapshot in DATA_DIR, and out to the emulated Send API — where the model's words arrive fact
/// checked and the cards carry the catalog's prices.
/// </summary>
public sealed class LlmMessengerAppTests
{
    private const string Shop = "llm-shop.myshopify.com";
    private const string AppId = "llm-app";
    private const string AppSecret = "llm-app-secret";
    private const string PageId = "llm-page";
    private const string PageToken = "llm-page-token";

    [Fact]
    public async Task A_shoppers_message_gets_checked_model_text_and_catalog_cards()
    {
        await using var model = await ScriptedOpenAiServer.StartAsync();
        await using var graph = await FacebookSandboxServer.StartAsync(o => (o.AppId, o.AppSecret, o.PageId, o.PageToken) = (AppId, AppSecret, PageId, PageToken));
        var dataDir = Directory.CreateTempSubdirectory("salesbot-llm-").FullName;
        var snapshots = new LocalFolderSnapshotStore(Path.Combine(dataDir, "snapshots"));
        await snapshots.PutAsync(Shop, JsonSerializer.SerializeToUtf8Bytes(TestCatalog.Create(), CatalogJson.Default.ShopifyData), "hash-1", default);
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "test-key",
            ["OPENAI_BASE_URL"] = model.BaseUrl + "/v1",
            ["OPENAI_MODEL"] = "scripted",
            ["FACEBOOK_APP_ID"] = AppId,
            ["FACEBOOK_APP_SECRET"] = AppSecret,
            ["FACEBOOK_VERIFY_TOKEN"] = "llm-verify",
            ["FACEBOOK_GRAPH_ORIGIN"] = graph.GraphOrigin,
            ["FACEBOOK_PAGE_ID"] = PageId,
            ["FACEBOOK_PAGE_ACCESS_TOKEN"] = PageToken,
            ["FACEBOOK_PAGE_SHOP"] = Shop,
            ["SALESBOT_SANDBOX"] = "1", // the sandbox Shopify beside a real-looking Meta app
        }, dataDir);

        model.ThenToolCall("search_products", new { query = "blue shirt" })
             .ThenText("The [[ocean-blue-shirt]] is only $19.99 today! The Galaxy Earrings at $37.99 go well with it. We also have the Galaxy Hoodie.");

        using var client = new HttpClient { BaseAddress = app.BaseUri };
        using var response = await client.SendAsync(SignedEvent("psid-llm", "do you have a blue shirt?"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = await WaitForCardsAsync(graph, app, "psid-llm");

        Assert.Equal(["mark_seen", "typing_on"], sent.Take(2).Select(s => s.SenderAction));
        var messages = sent.Where(s => s.Message is not null).ToList();
        Assert.All(messages, s => Assert.Equal("RESPONSE", s.Body.GetProperty("messaging_type").GetString()));
        Assert.Equal(2, messages.Count);

        // The model's words, with the wrong price repaired and the invented product gone.
        Assert.Equal(MessengerAppFixture.Opening + "The Ocean Blue Shirt is only $50.00 today! The Galaxy Earrings at $37.99 go well with it.",
            messages[0].Message!.Value.GetProperty("text").GetString());

        // Cards for what the model named, every field from the catalog.
        var elements = messages[1].Message!.Value.GetProperty("attachment").GetProperty("payload").GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal(["Ocean Blue Shirt", "Galaxy Earrings"], elements.Select(e => e.GetProperty("title").GetString()));
        Assert.Equal(["$50.00 · In stock", "$37.99 · In stock"], elements.Select(e => e.GetProperty("subtitle").GetString()));
        var shirtButtons = elements[0].GetProperty("buttons").EnumerateArray().Select(b => (Title: b.GetProperty("title").GetString(), Url: b.GetProperty("url").GetString()!)).ToList();
        Assert.Equal(["View", "Buy"], shirtButtons.Select(b => b.Title));
        Assert.Equal("https://boutique.example/products/ocean-blue-shirt", shirtButtons[0].Url);
        // Buy goes through the app, which counts the click and sends the shopper on to the cart permalink.
        Assert.StartsWith(app.BaseUrl + "/go/", shirtButtons[1].Url);
        using (var noRedirects = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }))
        using (var buy = await noRedirects.GetAsync(shirtButtons[1].Url))
        {
            Assert.Equal(HttpStatusCode.Redirect, buy.StatusCode);
            Assert.Equal("https://boutique.example/cart/100:1", buy.Headers.Location!.OriginalString);
        }
        Assert.Equal("https://cdn.example/ocean-blue-shirt.jpg", elements[0].GetProperty("image_url").GetString());
        Assert.True(messages[1].Message!.Value.GetProperty("quick_replies").GetArrayLength() > 0);

        // The model ran the tool loop over this shop's catalog: the second call carried the search results.
        var requests = model.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Contains("do you have a blue shirt?", requests[0]["messages"]!.ToJsonString());
        Assert.Contains("ocean-blue-shirt", requests[1]["messages"]!.AsArray().Last()!.ToJsonString());
    }

    private static HttpRequestMessage SignedEvent(string psid, string text)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @object = "page",
            entry = new[]
            {
                new
                {
                    id = PageId,
                    time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    messaging = new[]
                    {
                        new
                        {
                            sender = new { id = psid },
                            recipient = new { id = PageId },
                            timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                            message = new { mid = "m_" + Guid.NewGuid().ToString("N"), text },
                        },
                    },
                },
            },
        });
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = content };
        request.Headers.Add(MetaSignature.HeaderName, new MetaSignature(AppSecret).Sign(body));
        return request;
    }

    /// <summary>Waits until the turn is over: the conversation worker is idle and the card message arrived.</summary>
    private static async Task<IReadOnlyList<RecordedSend>> WaitForCardsAsync(FacebookSandboxServer graph, SalesBotApp app, string psid)
    {
        var dispatcher = app.Get<ConversationDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var sent = graph.State.Sent(psid);
            if (dispatcher.IsIdle && sent.Any(s => s.Message is { } m && m.TryGetProperty("attachment", out _))) return sent;
            await Task.Delay(25);
        }
        throw new TimeoutException("No card message reached the Send API: " + string.Join(" | ", graph.State.Sent(psid).Select(s => s.Body.ToString())));
    }
}
