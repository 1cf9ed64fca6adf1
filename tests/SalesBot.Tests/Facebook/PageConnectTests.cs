using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>Page connect through the emulated Facebook Login, and what a rejected page token does to a live conversation.</summary>
public sealed partial class PageConnectTests(MessengerAppFixture app) : IClassFixture<MessengerAppFixture>
{
    [Fact]
    public async Task Login_dialog_callback_stores_the_page_encrypted_and_subscribes_it()
    {
        var login = await app.Client.GetAsync("/facebook/login?shop=demo-store");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var dialog = login.Headers.Location!;
        Assert.StartsWith(app.Sandbox.GraphOrigin + "/v21.0/dialog/oauth", dialog.ToString());
        Assert.Contains("pages_messaging", dialog.Query);

        using var browser = new HttpClient();
        var html = await browser.GetStringAsync(dialog);
        var callback = new Uri(WebUtility.HtmlDecode(AllowLink().Match(html).Groups[1].Value));
        var response = await app.Client.GetAsync(callback.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<PageConnectReport>();
        var page = Assert.Single(report!.Pages);
        Assert.Equal(("sandbox-page", "demo-store.myshopify.com", true), (page.PageId, page.Shop, page.Subscribed));
        Assert.Equal("messages,messaging_postbacks,message_echoes", app.Sandbox.State.Subscriptions["sandbox-page"]);

        // The same callback again is refused: the state was single use.
        var replay = await app.Client.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    [Fact]
    public async Task Callback_without_the_browsers_state_cookie_is_refused()
    {
        using var stranger = app.Factory.CreateClient();
        var response = await stranger.GetAsync("/facebook/callback?code=abc&state=0123");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_token_rejected_with_190_disconnects_the_page()
    {
        var pages = app.Factory.Services.GetRequiredService<PageStore>();
        Assert.NotNull(await pages.GetAsync("sandbox-page", default));
        app.Sandbox.State.FailNext(190);

        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message("psid-190", "blue shirt")));
        await app.WaitAsync();

        Assert.Null(await pages.GetAsync("sandbox-page", default));
        Assert.Empty(app.Replies("psid-190"));
    }

    [GeneratedRegex("id=\"allow\" href=\"([^\"]+)\"")]
    private static partial Regex AllowLink();
}
