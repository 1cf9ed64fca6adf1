using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SalesBot.Configuration;
using SalesBot.Sandbox.Facebook;
using SalesBot.Sandbox.Shopify;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Sandbox;

/// <summary>
/// The sandbox refuses what the real platforms refuse and what a stranger could abuse (issue 13 item 1): redirects
/// only to the app's own callbacks, addresses from APP_BASE_URL rather than the Host header, and bounded state.
/// </summary>
public sealed class SandboxRefusalTests(SandboxRefusalTests.SandboxApp fixture) : IClassFixture<SandboxRefusalTests.SandboxApp>
{
    private const string DemoShop = "demo-store.myshopify.com";
    private readonly SalesBotApp _app = fixture.App;

    /// <summary>One app in sandbox mode (nothing configured) for every test here.</summary>
    public sealed class SandboxApp : IAsyncLifetime
    {
        public SalesBotApp App { get; private set; } = null!;

        public Task InitializeAsync()
        {
            App = SalesBotApp.Start(new Dictionary<string, string?>());
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private string ShopifyAuthorize(string redirectUri) =>
        $"/sandbox/{DemoShop}/admin/oauth/authorize?client_id={ShopifyOptions.SandboxApiKey}&scope=read_products" +
        $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&state=s1";

    private string FacebookDialog(string redirectUri) =>
        $"/sandbox/facebook/v26.0/dialog/oauth?client_id={FacebookOptions.SandboxAppId}&redirect_uri={Uri.EscapeDataString(redirectUri)}&state=s1&scope=pages_messaging";

    public static TheoryData<string> ForeignRedirects => new()
    {
        "javascript:alert(document.cookie)",
        "https://attacker.example/shopify/callback",
        "{base}/shopify/callback/more",   // prefixes are not matches
        "{base}/somewhere-else",
    };

    [Theory]
    [MemberData(nameof(ForeignRedirects))]
    public async Task The_authorize_and_login_pages_refuse_any_redirect_but_the_apps_own_callback(string redirect)
    {
        redirect = redirect.Replace("{base}", _app.BaseUrl);
        using var client = _app.Browser();

        using var authorize = await client.GetAsync(ShopifyAuthorize(redirect));
        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Contains("redirect_uri is not whitelisted", await authorize.Content.ReadAsStringAsync());
        using var approve = await client.PostAsync($"/sandbox/{DemoShop}/admin/oauth/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ShopifyOptions.SandboxApiKey, ["scope"] = "read_products", ["redirect_uri"] = redirect, ["state"] = "s1",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.Null(approve.Headers.Location);

        using var dialog = await client.GetAsync(FacebookDialog(redirect.Replace("/shopify/", "/facebook/")));
        Assert.Equal(HttpStatusCode.BadRequest, dialog.StatusCode);
        var page = await dialog.Content.ReadAsStringAsync();
        Assert.Contains("redirect URI is not whitelisted", page);
        Assert.DoesNotContain("code=", page);
    }

    [Fact]
    public async Task The_apps_own_callbacks_are_accepted()
    {
        using var client = _app.Browser();
        foreach (var callback in new[] { "/shopify/callback", "/console/callback" })
        {
            using var authorize = await client.GetAsync(ShopifyAuthorize(_app.BaseUrl + callback));
            Assert.Equal(HttpStatusCode.OK, authorize.StatusCode);
        }
        var dialog = await client.GetStringAsync(FacebookDialog(_app.BaseUrl + "/facebook/callback"));
        Assert.Contains($"href=\"{_app.BaseUrl}/facebook/callback?code=", dialog);
    }

    [Fact]
    public async Task The_chat_page_posts_to_APP_BASE_URL_whatever_Host_the_request_names()
    {
        using var client = _app.Browser();
        using var send = new HttpRequestMessage(HttpMethod.Post, "/sandbox/facebook/chat/send")
        {
            Content = JsonContent.Create(new { psid = "psid-host", text = "hello" }),
        };
        send.Headers.Host = "attacker.example:8080";
        using var response = await client.SendAsync(send);

        // Had it followed Host, the event would have gone to attacker.example (and failed); it reached the app's webhook.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(200, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    public static TheoryData<string, object> BadChatInput => new()
    {
        { "/sandbox/facebook/chat/send", new { psid = "", text = "hi" } },
        { "/sandbox/facebook/chat/send", new { psid = "p1" } },
        { "/sandbox/facebook/chat/send", new { psid = new string('p', 65), text = "hi" } },
        { "/sandbox/facebook/chat/send", new { psid = "p1", text = new string('x', 2001) } },
        { "/sandbox/facebook/chat/admin-reply", new { psid = "p1", text = " " } },
        { "/sandbox/facebook/chat/fail", new { code = 613, times = 1_000_000 } },
        { "/sandbox/facebook/chat/fail", new { code = -1, times = 1 } },
    };

    [Theory]
    [MemberData(nameof(BadChatInput))]
    public async Task Bad_input_to_the_chat_hooks_is_a_400_with_a_JSON_error(string path, object body)
    {
        using var client = _app.Browser();
        using var response = await client.PostAsJsonAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("null", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("psid=p1&text=hi", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_body_that_is_not_a_JSON_object_is_refused_with_a_JSON_error(string body, string type, HttpStatusCode expected)
    {
        using var client = _app.Browser();
        using var response = await client.PostAsync("/sandbox/facebook/chat/send", new StringContent(body, System.Text.Encoding.UTF8, type));

        Assert.Equal(expected, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Reading_messages_without_a_psid_is_a_400_with_a_JSON_error()
    {
        using var client = _app.Browser();
        using var response = await client.GetAsync("/sandbox/facebook/chat/messages");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("psid", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Only_shop_domains_get_a_store_and_only_so_many()
    {
        var options = new ShopifySandboxOptions { MaxStores = 2 };
        await using var server = await ShopifySandboxServer.StartAsync(options);
        using var http = new HttpClient();
        async Task<HttpStatusCode> Authorize(string shop)
        {
            using var response = await http.GetAsync(new Uri(server.ShopUri(shop),
                $"admin/oauth/authorize?client_id={options.ApiKey}&scope=read_products&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:1/shopify/callback")}&state=s"));
            if (response.StatusCode == HttpStatusCode.NotFound)
                Assert.Equal("Not Found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetString());
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, await Authorize("not-a-shop-domain"));
        Assert.Equal(HttpStatusCode.OK, await Authorize("first.myshopify.com"));
        Assert.Equal(HttpStatusCode.OK, await Authorize("second.myshopify.com"));
        Assert.Equal(HttpStatusCode.NotFound, await Authorize("third.myshopify.com"));
        Assert.Equal(HttpStatusCode.OK, await Authorize("FIRST.myshopify.com")); // a store that exists stays reachable
        Assert.Equal(2, server.Sandbox.Stores.Count());
    }

    [Fact]
    public async Task The_Graph_emulator_keeps_only_the_last_sends_and_login_codes()
    {
        await using var graph = await FacebookSandboxServer.StartAsync(o => o.MaxKept = 3);
        using var http = new HttpClient { BaseAddress = new Uri(graph.BaseUrl) };
        for (var i = 0; i < 5; i++)
        {
            using var sent = await http.PostAsJsonAsync($"/sandbox/facebook/v26.0/me/messages?access_token=sandbox-page-token",
                new { recipient = new { id = "psid-bound" }, message = new { text = $"m{i}" } });
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
            using var dialog = await http.GetAsync($"/sandbox/facebook/v26.0/dialog/oauth?client_id=sandbox-app-id&state=s{i}" +
                $"&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:1/facebook/callback")}");
            Assert.Equal(HttpStatusCode.OK, dialog.StatusCode);
        }

        Assert.Equal([2, 3, 4], graph.State.Sent().Select(s => s.Index));
        Assert.Equal(["m2", "m3", "m4"], graph.State.Sent().Select(s => s.Message!.Value.GetProperty("text").GetString()));
        Assert.Equal(3, graph.State.Codes.Count);
    }
}
