using SalesBot.Sandbox.Shopify;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Webhooks;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Shopify;

/// <summary>The Admin client's transport runs on the standard resilience pipeline: outages and 429s are retried beneath it.</summary>
public sealed class AdminTransportTests
{
    private const string Shop = "transport-store.myshopify.com";

    [Fact]
    public async Task A_burst_of_503s_is_retried_and_counted_in_the_fetch_report()
    {
        await using var sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions());
        await using var app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(sandbox.ApiOrigin));
        var client = app.Get<ShopifyAdminClientFactory>().Create(Shop, sandbox.Sandbox.GetStore(Shop).IssueAccessToken("read_products"));

        sandbox.Sandbox.FailNextRequests(3);
        var ping = await client.QueryAsync("Ping", null, WebhookJson.Default.PingData, default);

        Assert.NotNull(ping.Shop);
        Assert.Equal(3, sandbox.Sandbox.ServerErrorCount);
        Assert.Equal(3, client.Stats.Retries);
        Assert.Equal(0, client.Stats.Throttled);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_counted_as_throttled()
    {
        await using var sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions { FailEveryNthRequest = 1 });
        await using var app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(sandbox.ApiOrigin));
        var client = app.Get<ShopifyAdminClientFactory>().Create(Shop, sandbox.Sandbox.GetStore(Shop).IssueAccessToken("read_products"));
        var query = client.QueryAsync("Ping", null, WebhookJson.Default.PingData, default);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        sandbox.Sandbox.Options.FailEveryNthRequest = null;   // the shop's rate limit lifts

        var started = DateTime.UtcNow;
        var ping = await query;

        Assert.NotNull(ping.Shop);
        Assert.InRange(sandbox.Sandbox.TooManyRequestsCount, 1, 3);   // Retry-After: 1 paces the attempts at a second each
        Assert.Equal(sandbox.Sandbox.TooManyRequestsCount, client.Stats.Throttled);
        Assert.Equal(client.Stats.Throttled, client.Stats.Retries);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
    }
}
