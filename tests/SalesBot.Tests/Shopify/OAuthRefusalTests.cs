using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Auth;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Shopify;

/// <summary>Every forged, stale, replayed or foreign callback is refused, and nothing is stored.</summary>
public sealed class OAuthRefusalTests : IAsyncLifetime
{
    private const string Shop = "acme.myshopify.com";
    private ShopifySandboxServer _sandbox = null!;
    private SalesBotApp _app = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await ShopifySandboxServer.StartAsync(SmallStore.Options());
        _app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(_sandbox.ApiOrigin));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    public static TheoryData<string> BadShops => new()
    {
        "evil.com", "acme.myshopify.com.evil.com", "..%2Fx", "%20", new string('a', 300), "acme.myshopify.com%3A8080",
    };

    [Theory]
    [MemberData(nameof(BadShops))]
    public async Task Login_refuses_a_bad_shop_name_before_any_request_leaves(string shop)
    {
        using var browser = _app.Browser();
        using var response = await browser.GetAsync($"/shopify/{shop}/login");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a valid shop", (await JsonError(response)));
        Assert.Empty(_sandbox.Sandbox.Stores);
    }

    [Fact]
    public async Task Login_with_an_empty_shop_is_not_routed_to_a_request()
    {
        using var browser = _app.Browser();
        using var response = await browser.GetAsync("/shopify//login");
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
        Assert.Empty(_sandbox.Sandbox.Stores);
    }

    [Fact]
    public async Task A_forged_hmac_is_refused_with_401()
    {
        using var browser = _app.Browser();
        var callback = await InstallFlow.SignedCallbackAsync(browser, "acme");
        var forged = Rewrite(callback, q => q["hmac"] = new string('0', 64));
        await AssertRefusedAsync(browser, forged, HttpStatusCode.Unauthorized, "hmac");
    }

    [Fact]
    public async Task A_missing_hmac_is_refused_with_401()
    {
        using var browser = _app.Browser();
        var callback = await InstallFlow.SignedCallbackAsync(browser, "acme");
        await AssertRefusedAsync(browser, Rewrite(callback, q => q.Remove("hmac")), HttpStatusCode.Unauthorized, "hmac");
    }

    [Fact]
    public async Task A_tampered_shop_breaks_the_signature()
    {
        using var browser = _app.Browser();
        var callback = await InstallFlow.SignedCallbackAsync(browser, "acme");
        await AssertRefusedAsync(browser, Rewrite(callback, q => q["shop"] = "other.myshopify.com"), HttpStatusCode.Unauthorized, "hmac");
    }

    [Fact]
    public async Task A_replayed_state_is_refused_the_second_time()
    {
        using var browser = _app.Browser();
        var callback = await InstallFlow.SignedCallbackAsync(browser, "acme");
        using (var first = await browser.GetAsync(callback)) Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // The cookie was cleared by the first callback; a replay with the cookie put back still fails on the used nonce.
        var state = QueryHelpers.ParseQuery(callback.Query)["state"].ToString();
        using var replay = new HttpRequestMessage(HttpMethod.Get, callback);
        replay.Headers.Add("Cookie", $"{ShopifyAuthApi.StateCookie}={state}");
        using var plain = new HttpClient { BaseAddress = _app.BaseUri };
        using var response = await plain.SendAsync(replay);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("used or expired", await JsonError(response));
    }

    [Fact]
    public async Task A_state_from_another_browser_is_refused_and_nothing_is_stored()
    {
        using var victim = _app.Browser();
        using var attacker = _app.Browser();
        var victimsCallback = await InstallFlow.SignedCallbackAsync(victim, "acme");
        _ = await InstallFlow.SignedCallbackAsync(attacker, "acme");

        await AssertRefusedAsync(attacker, victimsCallback, HttpStatusCode.Forbidden, "state");
    }

    [Fact]
    public async Task A_callback_without_a_state_cookie_is_refused()
    {
        using var browser = _app.Browser();
        var callback = await InstallFlow.SignedCallbackAsync(browser, "acme");
        using var cookieless = new HttpClient { BaseAddress = _app.BaseUri };
        using var response = await cookieless.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await _app.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default));
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_even_with_a_valid_signature()
    {
        // A second sandbox whose clock runs five minutes behind signs a genuine but stale callback.
        await using var lateSandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 2, LargeProducts = 0 }),
            TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-5)),
        });
        await using var app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(lateSandbox.ApiOrigin));
        using var browser = app.Browser();
        var callback = await InstallFlow.SignedCallbackAsync(browser, "acme");

        using var response = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("stale", await JsonError(response));
        Assert.Null(await app.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default));
        Assert.Empty(lateSandbox.Sandbox.GetStore(Shop).AccessTokens);
    }

    private async Task AssertRefusedAsync(HttpClient browser, Uri callback, HttpStatusCode expected, string messagePart)
    {
        using var response = await browser.GetAsync(callback);
        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(messagePart, await JsonError(response));
        // Refused before the code exchange: no token was issued by the store, none was stored by the app.
        Assert.Empty(_sandbox.Sandbox.GetStore(Shop).AccessTokens);
        Assert.Null(await _app.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default));
    }

    private static async Task<string> JsonError(HttpResponseMessage response)
    {
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();
    }

    private static Uri Rewrite(Uri uri, Action<Dictionary<string, string?>> edit)
    {
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        edit(query);
        return new Uri(QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query));
    }
}
