using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using SalesBot.Configuration;
using SalesBot.Signing;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Sandbox;

/// <summary>
/// The sandbox is all or nothing unless asked for (issue 13 item 1): over HTTP on the real app, which sandbox parts are
/// mounted for which settings, and the settings it refuses to start with.
/// </summary>
public class SandboxOnPurposeTests
{
    private const string DemoShop = "demo-store.myshopify.com";

    private static readonly Dictionary<string, string?> RealShopify = new()
    {
        ["SHOPIFY_API_KEY"] = "real-api-key",
        ["SHOPIFY_API_SECRET"] = "real-api-secret",
    };

    private static readonly Dictionary<string, string?> RealFacebook = new()
    {
        ["FACEBOOK_APP_ID"] = "1234567890",
        ["FACEBOOK_APP_SECRET"] = "real-app-secret",
    };

    private static Dictionary<string, string?> With(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>One address per sandbox part: the Shopify emulator, its pictures, the Graph API emulator, the chat page.</summary>
    private static readonly string[] ShopifyParts = [$"/sandbox/{DemoShop}/admin/oauth/authorize?client_id={ShopifyOptions.SandboxApiKey}", "/sandbox/images/mug/1e90ff.svg"];
    private static readonly string[] FacebookParts = ["/sandbox/chat", "/sandbox/facebook/v26.0/me/accounts?access_token=x"];

    private static async Task<Dictionary<string, HttpStatusCode>> StatusesAsync(SalesBotApp app, IEnumerable<string> paths)
    {
        using var client = app.Browser();
        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            statuses[path] = response.StatusCode;
        }
        return statuses;
    }

    [Fact]
    public async Task With_real_Shopify_and_Facebook_apps_no_sandbox_part_is_mounted()
    {
        await using var app = SalesBotApp.Start(With(RealShopify, RealFacebook));

        var statuses = await StatusesAsync(app, [.. ShopifyParts, .. FacebookParts]);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s.Value));
        using var client = app.Browser();
        var home = await client.GetStringAsync("/");
        Assert.DoesNotContain("/sandbox/", home);

        // An event signed with the sandbox's public secret is refused: only the real app secret signs.
        var body = Encoding.UTF8.GetBytes("""{"object":"page","entry":[]}""");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = new ByteArrayContent(body) };
        post.Content.Headers.ContentType = new("application/json");
        post.Headers.Add(MetaSignature.HeaderName, new MetaSignature(FacebookOptions.SandboxAppSecret).Sign(body));
        using var refused = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public void A_real_Shopify_key_without_a_Meta_app_refuses_to_start_rather_than_mount_the_sandbox_Messenger()
    {
        var error = Assert.ThrowsAny<Exception>(() => SalesBotApp.Start(RealShopify));
        var lines = BadSettingExit.Describe(error);
        var line = Assert.Single(lines);
        Assert.Contains("FACEBOOK_APP_ID and FACEBOOK_APP_SECRET are required", line);
        Assert.Contains("SALESBOT_SANDBOX=1", line);
    }

    [Fact]
    public async Task Asked_for_beside_a_real_Shopify_key_only_the_Messenger_sandbox_is_mounted()
    {
        await using var app = SalesBotApp.Start(With(RealShopify, new() { [SandboxMode.Variable] = "1" }));

        var statuses = await StatusesAsync(app, [.. ShopifyParts, .. FacebookParts]);
        Assert.All(ShopifyParts, p => Assert.Equal(HttpStatusCode.NotFound, statuses[p]));
        Assert.All(FacebookParts, p => Assert.NotEqual(HttpStatusCode.NotFound, statuses[p]));
        Assert.Equal(new SandboxMode(Shopify: false, Facebook: true), app.Get<SandboxMode>());
    }

    [Fact]
    public async Task With_nothing_configured_every_sandbox_part_is_mounted()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>());

        // Mounted: each answers (the authorize page refuses a request without redirect_uri with its own 400 page).
        var statuses = await StatusesAsync(app, [.. ShopifyParts, .. FacebookParts]);
        Assert.All(statuses, s => Assert.NotEqual(HttpStatusCode.NotFound, s.Value));
        Assert.Equal(HttpStatusCode.OK, statuses["/sandbox/chat"]);
    }

    [Fact]
    public void A_public_address_with_the_sandbox_asked_for_beside_real_credentials_is_refused()
    {
        var error = Assert.ThrowsAny<Exception>(() => SalesBotApp.Start(With(RealFacebook,
            new() { [SandboxMode.Variable] = "1", ["APP_BASE_URL"] = "https://bot.example.com" })));
        Assert.Contains("loopback APP_BASE_URL", Assert.Single(BadSettingExit.Describe(error)));
    }

    [Theory]
    [InlineData("", "", "", true, true)]
    [InlineData("1", "", "", true, true)]
    [InlineData("0", "", "", false, false)]
    [InlineData("", "SHOPIFY_API_KEY", "", false, false)]
    [InlineData("", "SHOPIFY_ACCESS_TOKEN_acme_myshopify_com", "", false, false)]
    [InlineData("", "", "FACEBOOK_PAGE_ACCESS_TOKEN", false, false)]
    [InlineData("1", "SHOPIFY_API_SECRET", "", false, true)]
    [InlineData("true", "", "FACEBOOK_APP_ID", true, false)]
    [InlineData("1", "SHOPIFY_API_KEY", "FACEBOOK_APP_ID", false, false)]
    public void The_decision_follows_the_credentials_and_SALESBOT_SANDBOX(string asked, string shopify, string facebook, bool shopifySandbox, bool facebookSandbox)
    {
        var settings = new Dictionary<string, string?> { ["APP_BASE_URL"] = "http://localhost:5000", [SandboxMode.Variable] = asked };
        if (shopify != "") settings[shopify] = "real";
        if (facebook != "") settings[facebook] = "real";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        Assert.Equal(new SandboxMode(shopifySandbox, facebookSandbox), SandboxMode.From(configuration));
    }
}
