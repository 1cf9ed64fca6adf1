using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Signing;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>
/// The console's pages section over real HTTP: the list is the shop's own, disconnect unsubscribes and forgets the token and
/// silences the bot, a test message reaches only a shopper who wrote within 24 hours, and Facebook Login brings a browser
/// back here. The Graph sandbox serves its own page (<see cref="PageId"/>) beside the app's pre-configured sandbox page.
/// </summary>
public sealed partial class PagesConsoleTests : IAsyncLifetime
{
    private const string Shop = "demo-store.myshopify.com";
    private const string OtherShop = "other-shop.myshopify.com";
    private const string PageId = "shop-page";
    private const string PageName = "Demo Store Outlet";
    private const string PageToken = "shop-page-token";
    private ShopifySandboxServer _shopify = null!;
    private FacebookSandboxServer _facebook = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _shopify = await ShopifySandboxServer.StartAsync(SmallStore.Options(products: 6, unthrottled: true));
        _facebook = await FacebookSandboxServer.StartAsync(o => (o.PageId, o.PageName, o.PageToken) = (PageId, PageName, PageToken));
        _app = SalesBotApp.Start(new Dictionary<string, string?>(SalesBotApp.AgainstSandbox(_shopify.ApiOrigin))
        {
            ["FACEBOOK_GRAPH_ORIGIN"] = _facebook.GraphOrigin,
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _facebook.DisposeAsync();
        await _shopify.DisposeAsync();
    }

    [Fact]
    public async Task PageStore_lists_only_the_shops_own_pages_with_their_state()
    {
        var store = _app.Get<PageStore>();
        Assert.True(await store.TrySaveAsync("page-a", "Shop A page", Shop, "token-a", default));
        Assert.True(await store.TrySaveAsync("page-b", "Shop B page", OtherShop, "token-b", default));

        var own = await store.ListForShopAsync(Shop, default);
        // The pre-configured sandbox page sells for the demo store: it comes first, marked as such.
        Assert.Equal([(FacebookApp.SandboxPageId, true, ShopPageState.Connected), ("page-a", false, ShopPageState.Connected)],
            own.Select(p => (p.PageId, p.Preconfigured, p.State)));
        Assert.Equal("page-b", Assert.Single(await store.ListForShopAsync(OtherShop, default)).PageId);

        await store.MarkDisconnectedAsync("page-a", default);
        Assert.Equal(ShopPageState.TokenRejected, (await store.ListForShopAsync(Shop, default)).Single(p => p.PageId == "page-a").State);
        Assert.False(await store.ForgetAsync(OtherShop, "page-a", default));
        Assert.True(await store.ForgetAsync(Shop, "page-a", default));
        Assert.Equal(ShopPageState.Disconnected, (await store.ListForShopAsync(Shop, default)).Single(p => p.PageId == "page-a").State);
        Assert.Null(await store.GetAsync("page-a", default));
        Assert.Equal(ShopPageState.Connected, Assert.Single(await store.ListForShopAsync(OtherShop, default)).State);
    }

    [Fact]
    public async Task Disconnect_unsubscribes_forgets_the_token_and_the_bot_stops_answering_until_reconnected()
    {
        using var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(browser, "demo-store")).Status);
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        await ConnectAsync(browser);
        Assert.True(await _app.Get<PageStore>().TrySaveAsync("foreign-page", "Someone else's", OtherShop, "foreign-token", default));

        Assert.NotEmpty(await ShopperWritesAsync("shopper-1", "shirt"));
        var page = await browser.GetStringAsync("/console/pages");
        Assert.Equal("Connected", ConsoleHtml.TextOf(page, $"state-{PageId}"));
        Assert.Contains($"id=\"disconnect-{PageId}\"", page);
        Assert.DoesNotContain("foreign-page", page);
        var protectedToken = await StoredTokenAsync(PageId);

        using (var forged = await browser.PostAsync("/console/pages", new FormUrlEncodedContent([new("_handler", "disconnect"), new("DisconnectPageId", PageId)])))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using (var foreign = await PostAsync(browser, page, "disconnect", ("DisconnectPageId", "foreign-page")))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using (var preconfigured = await PostAsync(browser, page, "disconnect", ("DisconnectPageId", FacebookApp.SandboxPageId)))
            Assert.Equal(HttpStatusCode.BadRequest, preconfigured.StatusCode);
        Assert.NotNull(await _app.Get<PageStore>().GetAsync("foreign-page", default));
        Assert.NotNull(await _app.Get<PageStore>().GetAsync(PageId, default));
        Assert.Empty(_facebook.State.Unsubscriptions);

        using (var disconnect = await PostAsync(browser, page, "disconnect", ("DisconnectPageId", PageId)))
        {
            Assert.Equal(HttpStatusCode.Redirect, disconnect.StatusCode);
            Assert.Equal($"/console/pages?done=disconnected&pages={PageId}", Target(disconnect));
        }
        Assert.Equal([PageId], _facebook.State.Unsubscriptions);
        Assert.False(_facebook.State.Subscriptions.ContainsKey(PageId));
        Assert.Equal("", await StoredTokenAsync(PageId));
        Assert.DoesNotContain(protectedToken, await DatabaseText.ReadAllAsync(_app.Get<IDbContextFactory<SalesBotDbContext>>()));

        var after = await browser.GetStringAsync($"/console/pages?done=disconnected&pages={PageId}");
        Assert.Contains($"Disconnected {PageName}", ConsoleHtml.TextOf(after, "notice"));
        Assert.Equal("Disconnected", ConsoleHtml.TextOf(after, $"state-{PageId}"));
        Assert.Contains($"id=\"reconnect-{PageId}\"", after);
        Assert.Empty(await ShopperWritesAsync("shopper-1", "shirt"));

        await ConnectAsync(browser);
        Assert.Equal("Connected", ConsoleHtml.TextOf(await browser.GetStringAsync("/console/pages"), $"state-{PageId}"));
        Assert.NotEmpty(await ShopperWritesAsync("shopper-1", "shirt"));
    }

    [Fact]
    public async Task A_test_message_reaches_only_a_shopper_who_wrote_to_the_shops_page_within_24_hours()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        await ConnectAsync(browser);
        Assert.NotNull(ConsoleHtml.TextOf(await browser.GetStringAsync("/console/pages"), "no-recent-shopper"));

        await ShopperWritesAsync("shopper-7", "hello");
        var conversations = _app.Get<ConversationStore>();
        await using (var db = await _app.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
        {
            db.ConversationMessages.Add(new ConversationMessage { PageId = PageId, Psid = "shopper-old", Role = "user", Text = "hi", At = DateTimeOffset.UtcNow.AddHours(-25) });
            await db.SaveChangesAsync();
        }
        Assert.True(await _app.Get<PageStore>().TrySaveAsync("foreign-page", "Someone else's", OtherShop, "foreign-token", default));
        await conversations.AppendAsync(new ConversationKey("foreign-page", "victim"), "user", "hi", default);

        var page = await browser.GetStringAsync("/console/pages");
        Assert.Contains($"value=\"{PageId} shopper-7\"", page);
        Assert.DoesNotContain("shopper-old", page);
        Assert.DoesNotContain("victim", page);

        var before = _facebook.State.Sent().Count;
        using (var sent = await PostAsync(browser, page, "test-message", ("Recipient", $"{PageId} shopper-7"), ("TestText", "Testing from the console")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal($"/console/pages?done=test-sent&pages={PageId}", Target(sent));
        }
        var message = Assert.Single(_facebook.State.Sent(after: before - 1));
        Assert.Equal("shopper-7", message.Psid);
        Assert.Equal("RESPONSE", message.Body.GetProperty("messaging_type").GetString());
        Assert.Equal("Testing from the console", message.Message!.Value.GetProperty("text").GetString());
        Assert.Contains($"Test message sent on {PageName}", ConsoleHtml.TextOf(await browser.GetStringAsync($"/console/pages?done=test-sent&pages={PageId}"), "notice"));

        foreach (var psid in new[] { "shopper-old", "stranger" })
            using (var refused = await PostAsync(browser, page, "test-message", ("Recipient", $"{PageId} {psid}"), ("TestText", "Hello")))
            {
                Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
                var notice = ConsoleHtml.TextOf(await browser.GetStringAsync(Target(refused)), "notice");
                Assert.Contains("has not written to the page in the last 24 hours", notice);
            }
        using (var foreign = await PostAsync(browser, page, "test-message", ("Recipient", "foreign-page victim"), ("TestText", "Hello")))
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        using (var empty = await PostAsync(browser, page, "test-message", ("Recipient", $"{PageId} shopper-7"), ("TestText", " ")))
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Single(_facebook.State.Sent(after: before - 1));
    }

    [Fact]
    public async Task Facebook_Login_brings_a_browser_back_to_the_pages_with_a_notice_and_keeps_json_for_api_clients()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        using var login = await browser.GetAsync("/facebook/login");
        var callback = await AllowAsync(login.Headers.Location!);

        using var html = new HttpRequestMessage(HttpMethod.Get, callback);
        html.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var landed = await browser.SendAsync(html);
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal($"/console/pages?done=connected&pages={PageId}&taken=0", landed.Headers.Location!.OriginalString);
        var page = await browser.GetStringAsync(landed.Headers.Location.OriginalString);
        Assert.Contains($"Connected {PageName}", ConsoleHtml.TextOf(page, "notice"));
        Assert.Equal("Connected", ConsoleHtml.TextOf(page, $"state-{PageId}"));

        using var replay = new HttpRequestMessage(HttpMethod.Get, callback);
        replay.Headers.Accept.ParseAdd("text/html");
        using var refused = await browser.SendAsync(replay);
        Assert.Equal("/console/pages?error=connect-state", refused.Headers.Location!.OriginalString);
        Assert.Contains("could not be verified", ConsoleHtml.TextOf(await browser.GetStringAsync(refused.Headers.Location.OriginalString), "notice"));

        // Without Accept: text/html the same refusal is the API's JSON error.
        using var api = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()));
    }

    private async Task ConnectAsync(HttpClient browser)
    {
        using var login = await browser.GetAsync("/facebook/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var callback = await browser.GetAsync(await AllowAsync(login.Headers.Location!));
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        Assert.Equal(PageId, Assert.Single(JsonDocument.Parse(await callback.Content.ReadAsStringAsync()).RootElement.GetProperty("pages").EnumerateArray()).GetProperty("pageId").GetString());
    }

    /// <summary>A shopper's message on <see cref="PageId"/>, signed as Meta signs it; answers the messages the bot then sent them.</summary>
    private async Task<IReadOnlyList<RecordedSend>> ShopperWritesAsync(string psid, string text)
    {
        var before = _facebook.State.Sent().Count;
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @object = "page",
            entry = new[]
            {
                new
                {
                    id = PageId, time = now,
                    messaging = new[] { new { sender = new { id = psid }, recipient = new { id = PageId }, timestamp = now, message = new { mid = "m_" + Guid.NewGuid().ToString("N"), text } } },
                },
            },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(MetaSignature.HeaderName, new MetaSignature(FacebookOptions.SandboxAppSecret).Sign(body));
        using var client = _app.Browser();
        using (var response = await client.SendAsync(request)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The worker takes the event from the database: wait until it has been handled and the dispatcher is idle.
        var dispatcher = _app.Get<ConversationDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        await Task.Delay(200);
        while (!(dispatcher.IsIdle && await HandledAsync()) && DateTime.UtcNow < deadline) await Task.Delay(50);
        return _facebook.State.Sent(psid, after: before - 1).Where(s => s.Message is not null).ToList();

        async Task<bool> HandledAsync()
        {
            await using var db = await _app.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
            return !await db.MessengerEvents.AnyAsync(e => e.PageId == PageId && e.Psid == psid && e.ProcessedAt == null);
        }
    }

    /// <summary>Where a redirect points, as a path: the console's form posts redirect with absolute URLs.</summary>
    private static string Target(HttpResponseMessage response) =>
        response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.PathAndQuery : response.Headers.Location.OriginalString;

    private async Task<string> StoredTokenAsync(string pageId)
    {
        await using var db = await _app.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        return (await db.ConnectedPages.SingleAsync(p => p.PageId == pageId)).ProtectedAccessToken;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string page, string form, params (string Name, string Value)[] fields) =>
        browser.PostAsync("/console/pages", ConsoleHtml.Form(page, [("_handler", form), .. fields]));

    private static async Task<Uri> AllowAsync(Uri dialog)
    {
        using var facebookBrowser = new HttpClient();
        var html = await facebookBrowser.GetStringAsync(dialog);
        return new Uri(WebUtility.HtmlDecode(AllowLink().Match(html).Groups[1].Value));
    }

    [GeneratedRegex("id=\"allow\" href=\"([^\"]+)\"")]
    private static partial Regex AllowLink();
}
