using System.Net;
using System.Text.Json.Nodes;
using SalesBot.Sandbox.Shopify;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Http;

/// <summary>
/// Rate limits over real HTTP: the OAuth entry points share one budget per client address, the console one per
/// signed-in shop; over it the answer is 429 with Retry-After and a JSON error, and other routes are untouched.
/// </summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private ShopifySandboxServer _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await ShopifySandboxServer.StartAsync(SmallStore.Options(unthrottled: true));

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Sign_in_entry_points_answer_429_with_retry_after_once_an_address_used_its_budget()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>(SalesBotApp.AgainstSandbox(_sandbox.ApiOrigin))
        {
            ["RATE_LIMIT_SIGN_IN_PER_MINUTE"] = "3",
        });
        using var browser = app.Browser();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await browser.GetAsync("/console/login?shop=shop-a");
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        using var refused = await browser.GetAsync("/console/login?shop=shop-a");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")));
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("Too many requests", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());

        // The budget is the address's across every OAuth entry point, and routes without a limit still answer.
        using var install = await browser.GetAsync("/shopify/shop-a/login");
        Assert.Equal(HttpStatusCode.TooManyRequests, install.StatusCode);
        using var callback = await browser.GetAsync("/shopify/callback?shop=shop-a.myshopify.com");
        Assert.Equal(HttpStatusCode.TooManyRequests, callback.StatusCode);
        using var health = await browser.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task The_console_budget_is_per_signed_in_shop()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>(SalesBotApp.AgainstSandbox(_sandbox.ApiOrigin))
        {
            ["RATE_LIMIT_CONSOLE_PER_MINUTE"] = "2",
        });
        using var a = app.Browser();
        using var b = app.Browser();
        (await SignInFlow.SignInAsync(a, "shop-a")).Dispose();
        (await SignInFlow.SignInAsync(b, "shop-b")).Dispose();

        for (var i = 0; i < 2; i++)
        {
            using var page = await a.GetAsync("/console");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using var refused = await a.GetAsync("/console/settings");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));

        // Another shop from the same address has its own budget.
        using var other = await b.GetAsync("/console");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
