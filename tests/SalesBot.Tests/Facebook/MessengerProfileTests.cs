using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SalesBot.Assistant;
using SalesBot.Assistant.Settings;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// The page's Messenger profile over real HTTP against the Graph sandbox: set when the page is connected (what the sandbox
/// stored is what the builder makes of the shop's settings), set again when the settings are saved, removed when the
/// page is disconnected; a refused profile is reported and shown but the page stays connected. The sandbox serves its own
/// page (<see cref="PageId"/>) beside the app's pre-configured one, whose token it refuses.
/// </summary>
public sealed partial class MessengerProfileTests : IAsyncLifetime
{
    private const string Shop = "demo-store.myshopify.com";
    private const string PageId = "shop-page";
    private const string PageToken = "shop-page-token";
    private ShopifySandboxServer _shopify = null!;
    private FacebookSandboxServer _facebook = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _shopify = await ShopifySandboxServer.StartAsync(SmallStore.Options(products: 6, unthrottled: true));
        _facebook = await FacebookSandboxServer.StartAsync(o => (o.PageId, o.PageName, o.PageToken) = (PageId, "Demo Store Outlet", PageToken));
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
    public async Task Connect_sets_the_profile_built_from_the_settings_a_settings_save_updates_it_and_disconnect_removes_it()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        var report = await ConnectAsync(browser);
        Assert.True(report.GetProperty("profileSet").GetBoolean());

        var stored = _facebook.Profiles.Of(PageId);
        AssertStored(MessengerProfileBuilder.For(ShopAssistantSettings.Defaults), stored);
        Assert.Equal(MessengerProfileBuilder.DefaultGreeting, stored["greeting"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(4, stored["ice_breakers"]![0]!["call_to_actions"]!.AsArray().Count);
        Assert.Contains("Welcome screen, ice breakers and menu set", ConsoleHtml.TextOf(await browser.GetStringAsync("/console/pages"), $"profile-{PageId}"));

        // A greeting longer than Meta's 160 characters (the settings allow 300) is cut at a word, within the limit.
        var greeting = string.Join(' ', Enumerable.Repeat("Welcome to the demo store, where every mug is a little gift.", 4));
        var settings = _app.Get<AssistantSettingsService>();
        var saved = await settings.SaveAsync(Shop, new AssistantSettingsInput(greeting, [], null, true, false, null, [], null), default);
        Assert.True(saved.Saved);
        var updated = _facebook.Profiles.Of(PageId);
        AssertStored(MessengerProfileBuilder.For(await settings.GetAsync(Shop, default)), updated);
        var text = updated["greeting"]![0]!["text"]!.GetValue<string>();
        Assert.InRange(text.Length, 100, MessengerProfileBuilder.MaxGreeting);
        Assert.StartsWith(text.TrimEnd('…'), greeting);

        var page = await browser.GetStringAsync("/console/pages");
        using (var disconnect = await browser.PostAsync("/console/pages", ConsoleHtml.Form(page, [("_handler", "disconnect"), ("DisconnectPageId", PageId)])))
            Assert.Equal(HttpStatusCode.Redirect, disconnect.StatusCode);
        var change = _facebook.Profiles.Changes.Last();
        Assert.Equal(("DELETE", PageId), (change.Method, change.PageId));
        Assert.Equal(MessengerProfile.Fields, change.Fields);
        Assert.Empty(_facebook.Profiles.Of(PageId));
    }

    [Fact]
    public async Task A_refused_profile_is_reported_and_shown_and_the_page_stays_connected()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        _facebook.Profiles.FailNext(100);

        var report = await ConnectAsync(browser);
        Assert.True(report.GetProperty("connected").GetBoolean());
        Assert.True(report.GetProperty("subscribed").GetBoolean());
        Assert.False(report.GetProperty("profileSet").GetBoolean());
        Assert.Contains("code 100", report.GetProperty("profileError").GetString());
        Assert.NotNull(await _app.Get<PageStore>().GetAsync(PageId, default));

        var pages = await browser.GetStringAsync("/console/pages");
        Assert.Equal("Connected", ConsoleHtml.TextOf(pages, $"state-{PageId}"));
        Assert.Contains("Profile not set", ConsoleHtml.TextOf(pages, $"profile-{PageId}"));
        Assert.Empty(_facebook.Profiles.Of(PageId));
    }

    /// <summary>Each field the sandbox stored is exactly the builder's JSON for it, as the app posts it.</summary>
    private static void AssertStored(MessengerProfile expected, JsonObject stored)
    {
        var posted = JsonSerializer.SerializeToNode(expected, SendApiJson.Options)!.AsObject();
        Assert.Equal(MessengerProfile.Fields.Order(), stored.Select(f => f.Key).Order());
        foreach (var field in MessengerProfile.Fields)
            Assert.True(JsonNode.DeepEquals(posted[field], stored[field]), $"{field}: {stored[field]?.ToJsonString()}");
    }

    private static async Task<JsonElement> ConnectAsync(HttpClient browser)
    {
        using var login = await browser.GetAsync("/facebook/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var facebookBrowser = new HttpClient();
        var dialog = await facebookBrowser.GetStringAsync(login.Headers.Location!);
        using var callback = await browser.GetAsync(new Uri(WebUtility.HtmlDecode(AllowLink().Match(dialog).Groups[1].Value)));
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        var page = Assert.Single((await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pages").EnumerateArray());
        Assert.Equal(PageId, page.GetProperty("pageId").GetString());
        return page;
    }

    [GeneratedRegex("id=\"allow\" href=\"([^\"]+)\"")]
    private static partial Regex AllowLink();
}
