using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Tests.Sandbox;

/// <summary>
/// Online access mode as Shopify answers it: <c>grant_options[]=per-user</c> on the authorize URL (auto-approved or through
/// the consent form) gives a code whose exchange returns a token of under a day, no refresh token, and the staff member.
/// </summary>
public sealed partial class OnlineAccessTests
{
    private const string Shop = "online-shop.myshopify.com";
    private const string Redirect = "http://localhost:5000/console/callback";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_per_user_grant_answers_a_short_lived_token_for_the_staff_member(bool autoApprove)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options(o => o.TimeProvider = time));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var shop = server.ShopUri(Shop);
        var authorize = $"{shop}admin/oauth/authorize?client_id=sandbox-api-key&scope=read_products&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s&grant_options%5B%5D=per-user";

        Uri callback;
        if (autoApprove)
        {
            using var approved = await http.GetAsync(authorize + "&auto_approve=1");
            callback = approved.Headers.Location!;
        }
        else
        {
            // The consent form carries the grant option on to the approval.
            var html = await http.GetStringAsync(authorize);
            var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
            Assert.Equal("per-user", fields["grant_options[]"]);
            using var approved = await http.PostAsync(authorize, new FormUrlEncodedContent(fields));
            callback = approved.Headers.Location!;
        }
        var code = QueryHelpers.ParseQuery(callback.Query)["code"].ToString();

        using var exchange = await http.PostAsJsonAsync(new Uri(shop, "admin/oauth/access_token"), new { client_id = "sandbox-api-key", client_secret = "sandbox-api-secret", code });
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        var body = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(86399, body.GetProperty("expires_in").GetInt64());
        Assert.False(body.TryGetProperty("refresh_token", out _));
        Assert.Equal("read_products", body.GetProperty("associated_user_scope").GetString());
        var user = body.GetProperty("associated_user");
        Assert.Equal($"owner@{Shop}", user.GetProperty("email").GetString());
        Assert.True(user.GetProperty("id").GetInt64() > 0);
        Assert.True(user.GetProperty("account_owner").GetBoolean());

        // The token works for the Admin API until it expires, then it is refused like any expired token.
        var token = body.GetProperty("access_token").GetString()!;
        Assert.Equal(StoreTokenKind.Online, server.Sandbox.GetStore(Shop).AccessTokens[token].Kind);
        Assert.Equal(HttpStatusCode.OK, (await ShopQueryAsync(http, shop, token)).StatusCode);
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ShopQueryAsync(http, shop, token)).StatusCode);
    }

    [Fact]
    public async Task Without_the_grant_option_the_code_gives_an_offline_token_with_no_user()
    {
        await using var server = await ShopifySandboxServer.StartAsync(SandboxFixture.Options());
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var shop = server.ShopUri(Shop);
        using var approved = await http.GetAsync($"{shop}admin/oauth/authorize?client_id=sandbox-api-key&scope=read_products&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s&auto_approve=1");
        var code = QueryHelpers.ParseQuery(approved.Headers.Location!.Query)["code"].ToString();
        using var exchange = await http.PostAsJsonAsync(new Uri(shop, "admin/oauth/access_token"), new { client_id = "sandbox-api-key", client_secret = "sandbox-api-secret", code, expiring = "1" });
        var body = await exchange.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("associated_user", out _));
        Assert.True(body.TryGetProperty("refresh_token", out _));
    }

    private static async Task<HttpResponseMessage> ShopQueryAsync(HttpClient http, Uri shop, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(shop, "admin/api/2026-01/graphql.json"))
        {
            Content = JsonContent.Create(new { query = "{ shop { name } }" }),
        };
        request.Headers.Add("X-Shopify-Access-Token", token);
        return await http.SendAsync(request);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
