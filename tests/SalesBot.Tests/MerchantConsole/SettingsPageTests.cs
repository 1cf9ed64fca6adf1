using System.Net;
using System.Text.RegularExpressions;
using SalesBot.Assistant;
using SalesBot.Assistant.Settings;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>/console/settings over real HTTP, signed in to the sandbox store: save and read back, the refusals, the shop from the session only.</summary>
public sealed class SettingsPageTests : IAsyncLifetime
{
    private const string ShopA = "shop-a.myshopify.com";
    private const string ShopB = "shop-b.myshopify.com";
    private ShopifySandboxServer _sandbox = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec
                { Products = 3, LargeProducts = 0, Collections = 1, Discounts = 2, LargeDiscounts = 0, CodesPerDiscount = 1, RestrictedDiscounts = true }),
            ThrottleBucketSize = 100_000,
            ThrottleRestoreRate = 100_000,
        });
        // A code only shop B has: shop A's merchant must not be able to pick it.
        _sandbox.Sandbox.GetStore(ShopB).AddDiscount(DiscountKind.Basic, "Shop B only", ["ONLYB50"]);
        _app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(_sandbox.ApiOrigin));
        using var installer = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(installer, "shop-a")).Status);
        Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(installer, "shop-b")).Status);
        var catalogs = _app.Get<CatalogProvider>();
        foreach (var shop in new[] { ShopA, ShopB })
            for (var i = 0; await catalogs.GetAsync(shop, default) is null; i++)
            {
                Assert.True(i < 100, $"{shop} has no catalog");
                await Task.Delay(100);
            }
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    private async Task<HttpClient> MerchantAsync(string shop = "shop-a")
    {
        var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, shop)).Dispose();
        return browser;
    }

    private static FormUrlEncodedContent SettingsForm(string page, params (string, string)[] fields) =>
        ConsoleHtml.Form(page, [("_handler", "assistant-settings"), .. fields]);

    private static bool IsChecked(string page, string id) =>
        Regex.IsMatch(page, $"<input[^>]*id=\"{Regex.Escape(id)}\"[^>]*\\bchecked\\b");

    private static bool IsDisabled(string page, string id) =>
        Regex.IsMatch(page, $"<input[^>]*id=\"{Regex.Escape(id)}\"[^>]*\\bdisabled\\b");

    [Fact]
    public async Task Saved_settings_show_again_and_reach_the_assistant()
    {
        using var browser = await MerchantAsync();
        var page = await browser.GetStringAsync("/console/settings");
        Assert.False(IsChecked(page, "code-SAVE1-001"));
        Assert.True(IsChecked(page, "disclosure"));

        using var saved = await browser.PostAsync("/console/settings", SettingsForm(page,
            ("greeting", "Welcome to shop A!"), ("disclosure", "on"), ("pause", "45"), ("code", "SAVE1-001"),
            ("hours-enabled", "on"), ("timezone", "Europe/Berlin"), ("open-monday", "on"), ("opens-monday", "10:00"), ("closes-monday", "18:00"),
            ("outofhours", "Back {back}.")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/console/settings?done=saved", new Uri(_app.BaseUri, saved.Headers.Location!).PathAndQuery);

        var after = await browser.GetStringAsync("/console/settings?done=saved");
        Assert.Contains("Settings saved", ConsoleHtml.TextOf(after, "notice"));
        Assert.Equal("Welcome to shop A!", ConsoleHtml.TextOf(after, "greeting"));
        Assert.True(IsChecked(after, "code-SAVE1-001"));
        Assert.False(IsChecked(after, "code-SAVE2-001"));
        Assert.True(IsChecked(after, "open-monday"));
        Assert.False(IsChecked(after, "open-tuesday"));
        Assert.Contains("value=\"Europe/Berlin\"", after);
        Assert.Contains("value=\"45\"", after);
        Assert.StartsWith("Welcome to shop A!", ConsoleHtml.TextOf(after, "preview-first-reply"));

        var settings = await _app.Get<AssistantSettingsService>().GetAsync(ShopA, default);
        Assert.Equal(["SAVE1-001"], settings.SharedCodes);
        Assert.Equal(TimeSpan.FromMinutes(45), settings.HandoffPause);
        Assert.Equal("Europe/Berlin", settings.Hours!.Zone.Id);
        // Shop B's settings are untouched.
        Assert.Empty((await _app.Get<AssistantSettingsService>().GetAsync(ShopB, default)).SharedCodes);
    }

    [Fact]
    public async Task Restricted_codes_are_shown_disabled_with_the_reason()
    {
        using var browser = await MerchantAsync();
        var page = await browser.GetStringAsync("/console/settings");

        Assert.True(IsDisabled(page, "code-ONETIME25"));
        Assert.Contains("one use in total", ConsoleHtml.TextOf(page, "reason-ONETIME25"));
        Assert.True(IsDisabled(page, "code-VIP20"));
        Assert.Contains("certain customers", ConsoleHtml.TextOf(page, "reason-VIP20"));
        Assert.True(IsDisabled(page, "code-MEMBERSHIP"));
        Assert.False(IsDisabled(page, "code-SAVE1-001"));
        Assert.Contains("expired", ConsoleHtml.TextOf(page, "discount-SUMMER15"));
        Assert.DoesNotContain("ONLYB50", page);
    }

    [Theory]
    [InlineData("ONETIME25", "one use in total")]
    [InlineData("VIP20", "certain customers")]
    [InlineData("ONLYB50", "not a discount code of this shop")]
    [InlineData("MADE-UP", "not a discount code of this shop")]
    public async Task A_code_posted_by_hand_that_may_not_be_shared_is_refused_with_a_message(string code, string reason)
    {
        using var browser = await MerchantAsync();
        var page = await browser.GetStringAsync("/console/settings");

        using var refused = await browser.PostAsync("/console/settings", SettingsForm(page, ("greeting", "Hello"), ("disclosure", "on"), ("code", code)));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains(reason, ConsoleHtml.TextOf(body, "error-codes"));
        Assert.Contains("Nothing was saved", ConsoleHtml.TextOf(body, "form-error"));
        Assert.Equal("Hello", ConsoleHtml.TextOf(body, "greeting"));
        Assert.Empty((await _app.Get<AssistantSettingsService>().GetAsync(ShopA, default)).SharedCodes);
    }

    [Fact]
    public async Task Bad_fields_are_shown_next_to_them_never_a_500()
    {
        using var browser = await MerchantAsync();
        var page = await browser.GetStringAsync("/console/settings");

        using var refused = await browser.PostAsync("/console/settings", SettingsForm(page,
            ("greeting", new string('x', 400)), ("pause", "soon"), ("hours-enabled", "on"), ("timezone", "Nowhere/Atlantis"),
            ("open-monday", "on"), ("opens-monday", "18:00"), ("closes-monday", "09:00")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("whole number of minutes", ConsoleHtml.TextOf(body, "error-pause"));

        using var refused2 = await browser.PostAsync("/console/settings", SettingsForm(page,
            ("greeting", new string('x', 400)), ("hours-enabled", "on"), ("timezone", "Nowhere/Atlantis"),
            ("open-monday", "on"), ("opens-monday", "18:00"), ("closes-monday", "09:00")));
        var body2 = await refused2.Content.ReadAsStringAsync();
        Assert.Contains("under 300", ConsoleHtml.TextOf(body2, "error-greeting"));
        Assert.Contains("not an IANA time zone", ConsoleHtml.TextOf(body2, "error-timezone"));
        Assert.Contains("closes before it opens", ConsoleHtml.TextOf(body2, "error-hours-monday"));
        Assert.Contains("value=\"Nowhere/Atlantis\"", body2);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_400()
    {
        using var browser = await MerchantAsync();
        await browser.GetStringAsync("/console/settings");

        using var forged = await browser.PostAsync("/console/settings", new FormUrlEncodedContent(
            [new("_handler", "assistant-settings"), new("greeting", "forged"), new("code", "SAVE1-001")]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null((await _app.Get<AssistantSettingsService>().GetAsync(ShopA, default)).Greeting);
    }

    [Fact]
    public async Task Without_a_session_the_page_asks_to_sign_in()
    {
        using var anonymous = _app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/settings");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/console/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Switching_the_bot_on_a_page_that_is_not_the_shops_answers_404()
    {
        using var browser = await MerchantAsync();
        var page = await browser.GetStringAsync("/console/settings");
        Assert.Contains("No page sells for this shop yet", page);

        using var other = await browser.PostAsync("/console/settings", ConsoleHtml.Form(page, ("_handler", "bot-switch"), ("page", "off:sandbox-page")));

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("not-found", await other.Content.ReadAsStringAsync());
        Assert.True(await _app.Get<SalesBot.Facebook.PageBotSwitches>().IsBotOnAsync("sandbox-page", default));
    }

    [Fact]
    public async Task The_merchant_of_the_sandbox_page_turns_its_bot_off_and_on()
    {
        using (var installer = _app.Browser())
            Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(installer, "demo-store")).Status);
        using var browser = await MerchantAsync("demo-store");
        var page = await browser.GetStringAsync("/console/settings");
        Assert.Equal("answering", ConsoleHtml.TextOf(page, "bot-sandbox-page"));

        using var off = await browser.PostAsync("/console/settings", ConsoleHtml.Form(page, ("_handler", "bot-switch"), ("page", "off:sandbox-page")));
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal("/console/settings?done=bot-off", new Uri(_app.BaseUri, off.Headers.Location!).PathAndQuery);
        var after = await browser.GetStringAsync("/console/settings?done=bot-off");
        Assert.Equal("off", ConsoleHtml.TextOf(after, "bot-sandbox-page"));
        Assert.False(await _app.Get<SalesBot.Facebook.PageBotSwitches>().IsBotOnAsync("sandbox-page", default));

        using var on = await browser.PostAsync("/console/settings", ConsoleHtml.Form(after, ("_handler", "bot-switch"), ("page", "on:sandbox-page")));
        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.True(await _app.Get<SalesBot.Facebook.PageBotSwitches>().IsBotOnAsync("sandbox-page", default));
    }
}
