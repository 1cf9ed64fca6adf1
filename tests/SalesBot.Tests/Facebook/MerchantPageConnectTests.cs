using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// Page connect starts only from a signed-in merchant and binds the pages to that merchant's shop; <c>?shop=</c> and a
/// hand-made shop cookie open no dialog, and a page that sells for another shop stays there. Real HTTP against the Shopify
/// and Graph API sandboxes; the sandbox page is pre-configured for the demo store, as in sandbox mode.
/// </summary>
public sealed partial class MerchantPageConnectTests : IAsyncLifetime
{
    private ShopifySandboxServer _shopify = null!;
    private FacebookSandboxServer _facebook = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _shopify = await ShopifySandboxServer.StartAsync(SmallStore.Options());
        _facebook = await FacebookSandboxServer.StartAsync();
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
    public async Task Without_a_session_neither_shop_parameter_nor_shop_cookie_opens_the_dialog()
    {
        using var raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _app.BaseUri };
        using var named = await raw.GetAsync("/facebook/login?shop=demo-store");
        Assert.Equal(HttpStatusCode.Unauthorized, named.StatusCode);
        Assert.False(string.IsNullOrEmpty((await named.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/facebook/login");
        forged.Headers.Add("Cookie", "salesbot_shop=demo-store.myshopify.com");
        forged.Headers.Accept.ParseAdd("text/html");
        using var response = await raw.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/login", response.Headers.Location!.OriginalString);

        Assert.Empty(_facebook.State.Subscriptions);
        Assert.Equal(0, await ConnectedPagesAsync());
    }

    [Fact]
    public async Task Signed_in_merchant_connects_pages_to_their_own_shop_only()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();

        // ?shop= names another shop and is ignored: the dialog's state is bound to the session's shop.
        using var login = await browser.GetAsync("/facebook/login?shop=other-shop");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var dialog = login.Headers.Location!;
        Assert.StartsWith(_facebook.GraphOrigin + "/v26.0/dialog/oauth", dialog.ToString());
        Assert.Contains("pages_messaging", dialog.Query);
        var callback = await AllowAsync(dialog);

        using var response = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<PageConnectReport>())!;
        var page = Assert.Single(report.Pages);
        Assert.Equal(("sandbox-page", "demo-store.myshopify.com", true, true), (page.PageId, page.Shop, page.Connected, page.Subscribed));
        Assert.Equal(GraphClient.SubscribedFields, _facebook.State.Subscriptions["sandbox-page"]);
        Assert.Equal("messages,messaging_postbacks,message_echoes,messaging_handovers,standby,feed", GraphClient.SubscribedFields);
        Assert.Equal("demo-store.myshopify.com", (await _app.Get<PageStore>().GetAsync("sandbox-page", default))!.Shop);

        // The same callback again is refused: the state was single use.
        using var replay = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Fact]
    public async Task A_page_of_another_shop_is_not_moved()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "intruder")).Dispose();
        using var login = await browser.GetAsync("/facebook/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var response = await browser.GetAsync(await AllowAsync(login.Headers.Location!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Assert.Single((await response.Content.ReadFromJsonAsync<PageConnectReport>())!.Pages);
        Assert.False(page.Connected);
        Assert.Contains("already connected to another shop", page.Error);
        Assert.Equal("demo-store.myshopify.com", (await _app.Get<PageStore>().GetAsync("sandbox-page", default))!.Shop);
        Assert.Equal(0, await ConnectedPagesAsync());
        Assert.False(_facebook.State.Subscriptions.ContainsKey("sandbox-page"));
    }

    [Fact]
    public async Task A_connect_started_by_one_merchant_cannot_be_finished_in_another_session()
    {
        using var first = _app.Browser();
        (await SignInFlow.SignInAsync(first, "demo-store")).Dispose();
        using var login = await first.GetAsync("/facebook/login");
        var callback = await AllowAsync(login.Headers.Location!);

        // The first browser signs out and in as another shop before finishing: the state's shop no longer matches.
        var page = await first.GetStringAsync("/console");
        var token = AntiforgeryField().Match(page);
        (await first.PostAsync("/console/logout", new FormUrlEncodedContent([new(token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value))]))).Dispose();
        (await SignInFlow.SignInAsync(first, "intruder")).Dispose();

        using var response = await first.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("another merchant", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(0, await ConnectedPagesAsync());
    }

    private static async Task<Uri> AllowAsync(Uri dialog)
    {
        using var facebookBrowser = new HttpClient();
        var html = await facebookBrowser.GetStringAsync(dialog);
        return new Uri(WebUtility.HtmlDecode(AllowLink().Match(html).Groups[1].Value));
    }

    private async Task<int> ConnectedPagesAsync()
    {
        await using var db = await _app.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        return await db.ConnectedPages.CountAsync();
    }

    [GeneratedRegex("id=\"allow\" href=\"([^\"]+)\"")]
    private static partial Regex AllowLink();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex AntiforgeryField();
}
