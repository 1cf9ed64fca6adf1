using System.Diagnostics;
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
        // The update runs in the background (MessengerProfileUpdates): wait for the greeting to change.
        await WaitForAsync(() => GreetingOnPage() != MessengerProfileBuilder.DefaultGreeting, "the saved greeting on the page");
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

    [Fact]
    public async Task A_settings_save_answers_at_once_while_Graph_is_slow_and_the_profile_is_set_once_it_answers()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        Assert.True((await ConnectAsync(browser)).GetProperty("profileSet").GetBoolean());
        var setAtConnect = _facebook.Profiles.Changes.Count;
        _facebook.Profiles.Delay = GraphDelay;

        var elapsed = await SaveGreetingAsync(browser, "Hello from the slow-Graph test!");
        Assert.True(elapsed < GraphDelay / 4, $"the save took {elapsed.TotalMilliseconds:F0} ms with Graph answering after {GraphDelay.TotalMilliseconds:F0} ms");

        // The settings page shows the update as under way, and the pages page too.
        var settingsPage = await browser.GetStringAsync("/console/settings?done=saved");
        Assert.Contains("Updating", ConsoleHtml.TextOf(settingsPage, $"profile-{PageId}"));
        Assert.Contains("Updating", ConsoleHtml.TextOf(await browser.GetStringAsync("/console/pages"), $"profile-{PageId}"));
        Assert.Equal(setAtConnect, _facebook.Profiles.Changes.Count);

        await WaitForAsync(() => GreetingOnPage() == ExpectedGreeting("Hello from the slow-Graph test!"), "the saved greeting on the page");
        AssertStored(MessengerProfileBuilder.For(await _app.Get<AssistantSettingsService>().GetAsync(Shop, default)), _facebook.Profiles.Of(PageId));
        await WaitForAsync(async () => ConsoleHtml.TextOf(await browser.GetStringAsync("/console/settings"), $"profile-{PageId}")!
            .Contains("Welcome screen, ice breakers and menu set"), "the settings page to show the profile set");
    }

    [Fact]
    public async Task A_profile_Graph_refuses_after_a_save_is_shown_as_not_set_and_the_save_stands()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        Assert.True((await ConnectAsync(browser)).GetProperty("profileSet").GetBoolean());
        _facebook.Profiles.Delay = GraphDelay;
        _facebook.Profiles.FailNext(100);

        var elapsed = await SaveGreetingAsync(browser, "Greeting Graph will refuse");
        Assert.True(elapsed < GraphDelay / 4, $"the save took {elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal("Greeting Graph will refuse", (await _app.Get<AssistantSettingsService>().GetAsync(Shop, default)).Greeting);

        await WaitForAsync(async () => ConsoleHtml.TextOf(await browser.GetStringAsync("/console/settings"), $"profile-{PageId}")!
            .Contains("Profile not set"), "the settings page to show the refusal");
        Assert.Contains("code 100", ConsoleHtml.TextOf(await browser.GetStringAsync("/console/pages"), $"profile-{PageId}"));
        Assert.Equal(MessengerProfileBuilder.DefaultGreeting, GreetingOnPage());
    }

    [Fact]
    public async Task Saves_in_a_row_coalesce_and_end_with_the_last_greeting_on_the_page()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "demo-store")).Dispose();
        Assert.True((await ConnectAsync(browser)).GetProperty("profileSet").GetBoolean());
        var setAtConnect = _facebook.Profiles.Changes.Count;
        _facebook.Profiles.Delay = GraphDelay;

        string[] greetings = ["First greeting", "Second greeting", "Third greeting", "Fourth and last greeting"];
        foreach (var greeting in greetings)
        {
            var elapsed = await SaveGreetingAsync(browser, greeting);
            Assert.True(elapsed < GraphDelay / 4, $"saving \"{greeting}\" took {elapsed.TotalMilliseconds:F0} ms");
        }

        await WaitForAsync(() => GreetingOnPage() == ExpectedGreeting(greetings[^1]), "the last greeting on the page");
        await WaitForAsync(() => !_app.Get<MessengerProfileUpdates>().IsUpdating(Shop), "the updates to end");
        // The first save's update was under way while the others came in; they made one more update, not three.
        // (one, if all four came before the worker took the first).
        Assert.InRange(_facebook.Profiles.Changes.Count, setAtConnect + 1, setAtConnect + 2);
        Assert.Equal(ExpectedGreeting(greetings[^1]), GreetingOnPage());
    }

    /// <summary>How long the sandbox's messenger_profile POST takes in the tests of a slow Graph (well inside the client's timeouts).</summary>
    private static readonly TimeSpan GraphDelay = TimeSpan.FromSeconds(4);

    private string? GreetingOnPage() =>
        _facebook.Profiles.Of(PageId)["greeting"]?[0]?["text"]?.GetValue<string>();

    private static string ExpectedGreeting(string greeting) =>
        MessengerProfileBuilder.Greeting(greeting);

    /// <summary>Posts the console's settings form with the greeting (the rest as the page shows it); how long the save took.</summary>
    private static async Task<TimeSpan> SaveGreetingAsync(HttpClient browser, string greeting)
    {
        var page = await browser.GetStringAsync("/console/settings");
        using var form = ConsoleHtml.Form(page, ("_handler", "assistant-settings"), ("greeting", greeting), ("disclosure", "on"));
        var watch = Stopwatch.StartNew();
        using var saved = await browser.PostAsync("/console/settings", form);
        watch.Stop();
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.EndsWith("/console/settings?done=saved", saved.Headers.Location!.ToString());
        return watch.Elapsed;
    }

    private static Task WaitForAsync(Func<bool> done, string what) => WaitForAsync(() => Task.FromResult(done()), what);

    private static async Task WaitForAsync(Func<Task<bool>> done, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"waited 30 s for {what}");
            await Task.Delay(50);
        }
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
