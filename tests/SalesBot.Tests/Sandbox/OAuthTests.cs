using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Sandbox.Shopify;
using SalesBot.Signing;

namespace SalesBot.Tests.Sandbox;

/// <summary>The install flow: authorize page, signed redirect, single-use code exchange.</summary>
public sealed class OAuthTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string Shop = "oauth-shop.myshopify.com";
    private const string Redirect = "http://localhost:5000/shopify/callback";

    private string AuthorizeUrl(string clientId = "sandbox-api-key", string extra = "") =>
        $"{fixture.Server.ShopUri(Shop)}admin/oauth/authorize?client_id={clientId}&scope=read_products,read_inventory" +
        $"&redirect_uri={Uri.EscapeDataString(Redirect)}&state=abc123{extra}";

    [Fact]
    public async Task Authorize_page_shows_app_shop_scopes_and_install_button()
    {
        var html = await fixture.Http.GetStringAsync(AuthorizeUrl());

        Assert.Contains("SalesBot", html);
        Assert.Contains(Shop, html);
        Assert.Contains("<li>read_inventory</li>", html);
        Assert.Contains("id=\"install\"", html);
    }

    [Fact]
    public async Task Unknown_client_id_is_a_400_page()
    {
        using var response = await fixture.Http.GetAsync(AuthorizeUrl(clientId: "nope"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Install_button_redirects_with_a_query_signed_like_shopify_and_the_code_buys_one_token()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "sandbox-api-key", ["scope"] = "read_products,read_inventory", ["redirect_uri"] = Redirect, ["state"] = "abc123",
        });
        using var approved = await fixture.Http.PostAsync(new Uri(fixture.Server.ShopUri(Shop), "admin/oauth/authorize"), form);

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var location = approved.Headers.Location!;
        Assert.StartsWith(Redirect + "?", location.ToString());
        var query = QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
        Assert.Equal(["code", "hmac", "host", "shop", "state", "timestamp"], query.Keys.Order());
        Assert.True(new ShopifyQueryHmac("sandbox-api-secret").IsValid(query, query["hmac"]));
        Assert.False(new ShopifyQueryHmac("another-secret").IsValid(query, query["hmac"]));
        Assert.Equal(Shop, query["shop"]);
        Assert.Equal("abc123", query["state"]);
        Assert.Equal($"{Shop}/admin", Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(query["host"])));

        var tokenUri = new Uri(fixture.Server.ShopUri(Shop), "admin/oauth/access_token");
        using var exchanged = await fixture.Http.PostAsJsonAsync(tokenUri, new { client_id = "sandbox-api-key", client_secret = "sandbox-api-secret", code = query["code"] });
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        var token = JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!;
        Assert.Matches("^shpat_[0-9a-f]{32}$", token["access_token"]!.GetValue<string>());
        Assert.Equal("read_products,read_inventory", token["scope"]!.GetValue<string>());

        var client = new SandboxClient(fixture.Server, Shop, fixture.Http);
        using var works = await client.PostAsync("{ shop { name } }", token: token["access_token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);

        using var reused = await fixture.Http.PostAsJsonAsync(tokenUri, new { client_id = "sandbox-api-key", client_secret = "sandbox-api-secret", code = query["code"] });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("invalid_request", JsonNode.Parse(await reused.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Auto_approve_redirects_at_once_and_a_wrong_secret_is_refused()
    {
        using var response = await fixture.Http.GetAsync(AuthorizeUrl(extra: "&auto_approve=1"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString();

        using var refused = await fixture.Http.PostAsJsonAsync(new Uri(fixture.Server.ShopUri(Shop), "admin/oauth/access_token"),
            new { client_id = "sandbox-api-key", client_secret = "wrong", code });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_request", body["error"]!.GetValue<string>());
        Assert.NotNull(body["error_description"]);
    }

    [Fact]
    public async Task Codes_expire_after_ten_minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o => o.TimeProvider = time));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var shop = server.ShopUri(Shop);

        using var approved = await http.GetAsync($"{shop}admin/oauth/authorize?client_id=sandbox-api-key&scope=read_products&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s&auto_approve=1");
        var code = QueryHelpers.ParseQuery(approved.Headers.Location!.Query)["code"].ToString();
        time.Advance(TimeSpan.FromMinutes(11));
        using var late = await http.PostAsJsonAsync(new Uri(shop, "admin/oauth/access_token"), new { client_id = "sandbox-api-key", client_secret = "sandbox-api-secret", code });

        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }
}
