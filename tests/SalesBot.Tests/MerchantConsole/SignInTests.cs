using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Sandbox.Shopify.Store;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>"Sign in with Shopify" in online mode against the sandbox store over real HTTP: the session, its cookie, sign-out and the refusals.</summary>
public sealed partial class SignInTests : IAsyncLifetime
{
    private const string ShopA = "shop-a.myshopify.com";
    private const string ShopB = "shop-b.myshopify.com";
    private ShopifySandboxServer _sandbox = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await ShopifySandboxServer.StartAsync(SmallStore.Options(unthrottled: true));
        _app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(_sandbox.ApiOrigin));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Sign_in_opens_a_session_for_the_staff_member_and_keeps_no_online_token()
    {
        using var browser = _app.Browser();
        using var callback = await SignInFlow.SignInAsync(browser, "shop-a");

        var cookie = SessionCookie(callback).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.DoesNotContain("secure", cookie);

        var page = await browser.GetStringAsync("/console");
        Assert.Equal($"owner@{ShopA}", ConsoleHtml.TextOf(page, "staff-email"));
        Assert.Equal(ShopA, ConsoleHtml.TextOf(page, "shop"));

        // The sandbox issued one online token, for at most a day; the app did not store it anywhere, not even encrypted.
        var online = Assert.Single(_sandbox.Sandbox.GetStore(ShopA).AccessTokens.Values, t => t.Kind == StoreTokenKind.Online);
        Assert.True(online.ExpiresAt < DateTimeOffset.UtcNow.AddDays(1));
        Assert.Null(await _app.Get<SalesBot.Shopify.Auth.ShopTokenStore>().GetAccessTokenAsync(ShopA, default));
        var stored = string.Join('\n', await DatabaseText.ReadAllAsync(_app.Get<IDbContextFactory<SalesBotDbContext>>()));
        Assert.DoesNotContain(online.Token, stored);
        Assert.DoesNotContain(online.Token, cookie);
    }

    [Fact]
    public async Task Status_answers_only_the_signed_in_merchant_of_that_shop()
    {
        using (var installer = _app.Browser())
        {
            Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(installer, "shop-a")).Status);
            Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(installer, "shop-b")).Status);
        }

        using var anonymous = _app.Browser();
        using (var api = await anonymous.GetAsync($"/shopify/{ShopA}/status"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
            Assert.Contains("Sign in", await ErrorAsync(api));
        }
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/shopify/{ShopA}/status"))
        {
            request.Headers.Accept.ParseAdd("text/html");
            using var page = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal($"/console/login?shop={ShopA}", page.Headers.Location!.OriginalString);
        }

        using var merchant = _app.Browser();
        (await SignInFlow.SignInAsync(merchant, "shop-a")).Dispose();
        using (var own = await merchant.GetAsync($"/shopify/{ShopA}/status"))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
            Assert.Equal(ShopA, (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shop").GetString());
        }
        using (var other = await merchant.GetAsync("/shopify/shop-b/status"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
            Assert.Contains(ShopB, await ErrorAsync(other));
        }
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token_of_the_console_form()
    {
        using var browser = _app.Browser();
        (await SignInFlow.SignInAsync(browser, "shop-a")).Dispose();
        var page = await browser.GetStringAsync("/console");

        using (var forged = await browser.PostAsync("/console/logout", new FormUrlEncodedContent([])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains("antiforgery", await ErrorAsync(forged));
        }
        using (var stillIn = await browser.GetAsync("/console")) Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        using (var signOut = await browser.PostAsync("/console/logout", ConsoleHtml.Form(page)))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
            Assert.Equal("/", signOut.Headers.Location!.OriginalString);
        }
        using var after = await browser.GetAsync("/console");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Sign_in_callbacks_get_the_installs_refusals_and_no_session()
    {
        using var browser = _app.Browser();
        var callback = await SignInFlow.SignedCallbackAsync(browser, "shop-a");

        var tampered = QueryHelpers.ParseQuery(callback.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        tampered["shop"] = ShopB;
        await AssertRefusedAsync(browser, new Uri(QueryHelpers.AddQueryString(callback.GetLeftPart(UriPartial.Path), tampered)), HttpStatusCode.Unauthorized, "hmac");
        tampered["shop"] = "evil.example.com";
        await AssertRefusedAsync(browser, new Uri(QueryHelpers.AddQueryString(callback.GetLeftPart(UriPartial.Path), tampered)), HttpStatusCode.BadRequest, "not a valid shop");

        using (var stranger = _app.Browser())
            await AssertRefusedAsync(stranger, callback, HttpStatusCode.Forbidden, "does not match this browser");

        // A replay with the browser's state cookie still offered finds the nonce spent.
        using var raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _app.BaseUri };
        using var login = await raw.GetAsync("/console/login?shop=shop-a");
        var state = QueryHelpers.ParseQuery(login.Headers.Location!.Query)["state"].ToString();
        using var approve = await raw.GetAsync(new Uri(login.Headers.Location + "&auto_approve=1"));
        HttpRequestMessage WithState() => new(HttpMethod.Get, approve.Headers.Location) { Headers = { { "Cookie", $"salesbot_console_state={state}" } } };
        using (var first = await raw.SendAsync(WithState())) Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var replay = await raw.SendAsync(WithState());
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Contains("used or expired", await ErrorAsync(replay));
        Assert.False(replay.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("salesbot_session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_install_state_cannot_finish_a_sign_in()
    {
        // Cookies by hand, so the install's state can be offered as the sign-in's.
        using var raw = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _app.BaseUri };
        using var login = await raw.GetAsync("/shopify/shop-a/login");
        var state = QueryHelpers.ParseQuery(login.Headers.Location!.Query)["state"].ToString();
        using var approve = await raw.GetAsync(new Uri(login.Headers.Location + "&auto_approve=1"));
        var installCallback = approve.Headers.Location!;

        using var asSignIn = new HttpRequestMessage(HttpMethod.Get, "/console/callback" + installCallback.Query);
        asSignIn.Headers.Add("Cookie", $"salesbot_console_state={state}");
        using var refused = await raw.SendAsync(asSignIn);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("used or expired", await ErrorAsync(refused));
        Assert.False(refused.Headers.Contains("Set-Cookie") && refused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("salesbot_session=")));

        // The install's nonce was not spent by the attempt: the install itself still completes.
        using var install = new HttpRequestMessage(HttpMethod.Get, installCallback);
        install.Headers.Add("Cookie", $"salesbot_shopify_state={state}");
        using var installed = await raw.SendAsync(install);
        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_secure_when_the_app_is_served_over_https()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>(SalesBotApp.AgainstSandbox(_sandbox.ApiOrigin))
        {
            ["APP_BASE_URL"] = "https://bot.example.test",
            // A public address mounts no sandbox part, so the Meta app is a (never called) real-looking one.
            ["SALESBOT_SANDBOX"] = null,
            ["FACEBOOK_APP_ID"] = "test-app-id",
            ["FACEBOOK_APP_SECRET"] = "test-app-secret",
        });
        // As in the Partner dashboard: the app's public callback is an allowed redirection URL.
        _sandbox.Sandbox.Options.AllowedRedirectUris = ["https://bot.example.test/console/callback"];
        using var browser = app.Browser();
        var callback = await SignInFlow.SignedCallbackAsync(browser, "shop-a");
        Assert.Equal("https://bot.example.test/console/callback", callback.GetLeftPart(UriPartial.Path));

        // The TLS proxy in front of the app would pass this on as it is.
        using var response = await browser.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = SessionCookie(response).ToLowerInvariant();
        Assert.Contains("secure", cookie);
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
    }

    private static async Task AssertRefusedAsync(HttpClient browser, Uri callback, HttpStatusCode expected, string messagePart)
    {
        using var response = await browser.GetAsync(callback);
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(messagePart, await ErrorAsync(response));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("salesbot_session=", StringComparison.Ordinal)));
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("salesbot_session=", StringComparison.Ordinal));

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()!;
    }
}
