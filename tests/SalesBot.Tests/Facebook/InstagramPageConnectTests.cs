using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Sandbox.Shopify;
using SalesBot.Signing;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// Connecting a page finds its Instagram professional account (<c>GET /{page-id}?fields=instagram_business_account{id,username}</c>
/// against the Graph API sandbox) and stores it with the page, so that account's <c>object: "instagram"</c> webhooks are answered
/// for the page's shop with the page's token.
/// </summary>
public sealed partial class InstagramPageConnectTests : IAsyncLifetime
{
    private const string PageId = "shop-page";
    private const string PageToken = "shop-page-token";
    private const string InstagramAccountId = "17841400000000077";
    private ShopifySandboxServer _shopify = null!;
    private FacebookSandboxServer _facebook = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _shopify = await ShopifySandboxServer.StartAsync(SmallStore.Options());
        _facebook = await FacebookSandboxServer.StartAsync(o =>
        {
            (o.PageId, o.PageName, o.PageToken) = (PageId, "Shop Page", PageToken);
            (o.InstagramAccountId, o.InstagramUsername) = (InstagramAccountId, "shop.page");
        });
        _app = SalesBotApp.Start(new Dictionary<string, string?>(SalesBotApp.AgainstSandbox(_shopify.ApiOrigin))
        {
            ["FACEBOOK_GRAPH_ORIGIN"] = _facebook.GraphOrigin,
            ["FACEBOOK_BATCH_WINDOW"] = "00:00:00",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _facebook.DisposeAsync();
        await _shopify.DisposeAsync();
    }

    [Fact]
    public async Task The_instagram_account_is_found_on_connect_and_its_webhooks_are_answered_for_the_pages_shop()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        using var login = await browser.GetAsync("/facebook/login");
        Assert.Contains("instagram_manage_messages", login.Headers.Location!.Query);
        Assert.Contains("instagram_basic", login.Headers.Location!.Query);
        using var facebookBrowser = new HttpClient();
        var dialog = await facebookBrowser.GetStringAsync(login.Headers.Location!);
        using var callback = await browser.GetAsync(new Uri(WebUtility.HtmlDecode(AllowLink().Match(dialog).Groups[1].Value)));

        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var page = Assert.Single((await callback.Content.ReadFromJsonAsync<PageConnectReport>())!.Pages);
        Assert.Equal((PageId, true, "@shop.page"), (page.PageId, page.Connected, page.Instagram));
        await using (var db = await _app.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
        {
            var row = await db.ConnectedPages.SingleAsync(p => p.PageId == PageId);
            Assert.Equal((InstagramAccountId, "shop.page"), (row.InstagramAccountId, row.InstagramUsername));
        }
        var account = await _app.Get<PageStore>().GetAccountAsync(InstagramAccountId, default);
        Assert.Equal((PageId, "demo-store.myshopify.com", MessagingChannel.Instagram, InstagramAccountId), (account!.PageId, account.Shop, account.Channel, account.AccountId));

        var igsid = "igsid-" + Guid.NewGuid().ToString("N")[..10];
        using var response = await PostInstagramMessageAsync(igsid, "do you have a blue shirt?");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var dispatcher = _app.Get<ConversationDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(dispatcher.IsIdle && _facebook.State.Sent(igsid).Any(s => s.Message is not null)) && DateTime.UtcNow < deadline) await Task.Delay(25);

        // Answered with the page's token (the sandbox Send API takes no other) to the shopper's IGSID, kept under the Instagram account.
        Assert.Contains(_facebook.State.Sent(igsid), s => s.Message is not null);
        await using (var db = await _app.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
            Assert.Equal(InstagramAccountId, (await db.ConversationMessages.FirstAsync(m => m.Psid == igsid)).PageId);

        // shop/redact (ShopErasure) erases the conversations of every account PageStore names for the shop: Instagram's too.
        var erasedAccounts = await _app.Get<PageStore>().DeleteShopAsync("demo-store.myshopify.com", default);
        Assert.Contains(InstagramAccountId, erasedAccounts);
        await _app.Get<ConversationStore>().ErasePagesAsync(erasedAccounts, default);
        await using (var db = await _app.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
        {
            Assert.False(await db.ConversationMessages.AnyAsync(m => m.Psid == igsid));
            Assert.False(await db.MessengerEvents.AnyAsync(e => e.Psid == igsid));
        }
    }

    private async Task<HttpResponseMessage> PostInstagramMessageAsync(string igsid, string text)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @object = "instagram",
            entry = new[]
            {
                new
                {
                    id = InstagramAccountId, time = now,
                    messaging = new[] { new { sender = new { id = igsid }, recipient = new { id = InstagramAccountId }, timestamp = now, message = new { mid = "aWdf" + Guid.NewGuid().ToString("N"), text } } },
                },
            },
        });
        using var client = new HttpClient { BaseAddress = _app.BaseUri };
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = content };
        request.Headers.Add(MetaSignature.HeaderName, new MetaSignature(FacebookOptions.SandboxAppSecret).Sign(body));
        return await client.SendAsync(request);
    }

    [GeneratedRegex("id=\"allow\" href=\"([^\"]+)\"")]
    private static partial Regex AllowLink();
}
