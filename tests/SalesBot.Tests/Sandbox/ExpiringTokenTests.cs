using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Sandbox.Shopify;

namespace SalesBot.Tests.Sandbox;

/// <summary>The sandbox's token endpoint and Admin API treat expiring offline tokens the way Shopify does.</summary>
public sealed class ExpiringTokenTests : IAsyncLifetime
{
    private const string Shop = "tokens-shop.myshopify.com";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private ShopifySandboxServer _server = null!;

    public async Task InitializeAsync() => _server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o =>
    {
        o.TimeProvider = _time;
        o.AccessTokenLifetime = TimeSpan.FromMinutes(60);
        o.RefreshTokenLifetime = TimeSpan.FromDays(90);
    }));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Uri TokenUri => new(_server.ShopUri(Shop), "admin/oauth/access_token");

    [Fact]
    public async Task A_code_exchanged_with_expiring_1_gives_a_pair_that_expires_in_an_hour()
    {
        var pair = await ExchangeAsync(expiring: "1");

        Assert.Equal(3600, pair["expires_in"]!.GetValue<long>());
        Assert.Equal(90 * 86400, pair["refresh_token_expires_in"]!.GetValue<long>());
        Assert.Matches("^shprt_[0-9a-f]{32}$", pair["refresh_token"]!.GetValue<string>());
        var token = pair["access_token"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, await ShopQueryAsync(token));

        _time.Advance(TimeSpan.FromMinutes(61));
        using var expired = await PostShopQueryAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("[API] Invalid API key or access token (unrecognized login or wrong password)",
            JsonNode.Parse(await expired.Content.ReadAsStringAsync())!["errors"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_expiring_the_token_is_a_lifetime_one_which_the_2027_option_refuses()
    {
        var pair = await ExchangeAsync(expiring: null);
        Assert.Null(pair["refresh_token"]);
        Assert.Null(pair["expires_in"]);
        var lifetime = pair["access_token"]!.GetValue<string>();
        var custom = _server.Sandbox.GetStore(Shop).IssueAccessToken("read_products");
        _time.Advance(TimeSpan.FromDays(400));
        Assert.Equal(HttpStatusCode.OK, await ShopQueryAsync(lifetime));

        _server.Sandbox.Options.RefuseLifetimeTokens = true;
        Assert.Equal(HttpStatusCode.Unauthorized, await ShopQueryAsync(lifetime));
        Assert.Equal(HttpStatusCode.OK, await ShopQueryAsync(custom)); // custom apps are exempt
    }

    [Fact]
    public async Task A_refresh_rotates_both_tokens_and_the_old_refresh_token_dies_once_the_new_access_token_is_used()
    {
        var first = await ExchangeAsync(expiring: "1");
        var refreshToken = first["refresh_token"]!.GetValue<string>();

        var second = await RefreshAsync(refreshToken);
        Assert.NotEqual(first["access_token"]!.GetValue<string>(), second["access_token"]!.GetValue<string>());
        Assert.NotEqual(refreshToken, second["refresh_token"]!.GetValue<string>());

        // The answer was "lost": the old refresh token still works while the new access token is unused.
        var retried = await RefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, await ShopQueryAsync(retried["access_token"]!.GetValue<string>()));
        // The retry replaced the lost pair.
        Assert.Equal(HttpStatusCode.Unauthorized, await ShopQueryAsync(second["access_token"]!.GetValue<string>()));

        using var refused = await PostRefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid_grant", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());

        // The current one goes on rotating; refresh tokens expire too.
        var third = await RefreshAsync(retried["refresh_token"]!.GetValue<string>());
        _time.Advance(TimeSpan.FromDays(91));
        using var stale = await PostRefreshAsync(third["refresh_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var store = _server.Sandbox.GetStore(Shop);
        Assert.Equal(3, store.Tokens.RefreshesGranted);
        Assert.Equal(2, store.Tokens.RefreshesRefused);
    }

    [Fact]
    public async Task A_refresh_needs_the_app_credentials()
    {
        var pair = await ExchangeAsync(expiring: "1");
        using var refused = await _http.PostAsJsonAsync(TokenUri, new
        {
            client_id = "sandbox-api-key", client_secret = "wrong", refresh_token = pair["refresh_token"]!.GetValue<string>(), grant_type = "refresh_token",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0, _server.Sandbox.GetStore(Shop).Tokens.RefreshesGranted);
    }

    private async Task<JsonObject> ExchangeAsync(string? expiring)
    {
        using var approved = await _http.GetAsync(
            $"{_server.ShopUri(Shop)}admin/oauth/authorize?client_id=sandbox-api-key&scope=read_products&redirect_uri={Uri.EscapeDataString("http://localhost/cb")}&state=s&auto_approve=1");
        var code = QueryHelpers.ParseQuery(approved.Headers.Location!.Query)["code"].ToString();
        using var response = expiring is null
            ? await _http.PostAsJsonAsync(TokenUri, new { client_id = "sandbox-api-key", client_secret = "sandbox-api-secret", code })
            : await _http.PostAsJsonAsync(TokenUri, new { client_id = "sandbox-api-key", client_secret = "sandbox-api-secret", code, expiring });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private Task<HttpResponseMessage> PostRefreshAsync(string refreshToken) => _http.PostAsJsonAsync(TokenUri, new
    {
        client_id = "sandbox-api-key", client_secret = "sandbox-api-secret", refresh_token = refreshToken, grant_type = "refresh_token",
    });

    private async Task<JsonObject> RefreshAsync(string refreshToken)
    {
        using var response = await PostRefreshAsync(refreshToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private Task<HttpResponseMessage> PostShopQueryAsync(string token) =>
        new SandboxClient(_server, Shop, _http).PostAsync("{ shop { name } }", token: token);

    private async Task<HttpStatusCode> ShopQueryAsync(string token)
    {
        using var response = await PostShopQueryAsync(token);
        return response.StatusCode;
    }
}
