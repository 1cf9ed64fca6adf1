using System.Net;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Webhooks;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Data;

/// <summary>
/// Refresh tokens are single use, so two instances over one PostgreSQL database that meet an expired token at the
/// same moment must refresh it once between them (lock <c>token:{shop}</c>, re-read under it) and both go on.
/// </summary>
public sealed class PostgresTokenRefreshTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Shop = "refresh-race.myshopify.com";

    [PostgresFact]
    public async Task Two_instances_meeting_an_expired_token_together_refresh_it_once_and_both_keep_working()
    {
        await using var sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 4, VariantsPerProduct = 1, Collections = 1, Discounts = 1, Locations = 1 }),
            ThrottleBucketSize = 100_000,
            ThrottleRestoreRate = 100_000,
        });
        var settings = SalesBotApp.AgainstSandbox(sandbox.ApiOrigin);
        settings["DATABASE_URL"] = await postgres.CreateDatabaseAsync();
        await using var a = SalesBotApp.Start(settings);
        await using var b = SalesBotApp.Start(settings);
        using (var browser = a.Browser())
        {
            var (status, body) = await InstallFlow.InstallAsync(browser, "refresh-race");
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        }
        var tokens = sandbox.Sandbox.GetStore(Shop).Tokens;
        var installed = await a.Get<ShopTokenStore>().GetAccessTokenAsync(Shop, default);

        tokens.ExpireAccessTokensAfter(0);
        var names = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => PingAsync(i % 2 == 0 ? a : b)));

        Assert.All(names, n => Assert.Equal("refresh-race", n));
        Assert.Equal(1, tokens.RefreshesGranted);
        Assert.Equal(0, tokens.RefreshesRefused);
        var onA = await a.Get<ShopTokenStore>().GetAsync(Shop, default);
        var onB = await b.Get<ShopTokenStore>().GetAsync(Shop, default);
        Assert.NotEqual(installed, onA!.AccessToken);
        Assert.Equal(onA.AccessToken, onB!.AccessToken);
        Assert.Equal(onA.RefreshToken, onB.RefreshToken);

        // Both keep working on the new pair, with no further refresh.
        Assert.Equal(["refresh-race", "refresh-race"], await Task.WhenAll(PingAsync(a), PingAsync(b)));
        Assert.Equal(1, tokens.RefreshesGranted);

        // Neither token is stored in clear in any table.
        var texts = await DatabaseText.ReadAllAsync(a.Get<IDbContextFactory<SalesBotDbContext>>());
        Assert.NotEmpty(texts);
        foreach (var secret in tokens.Issued)
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
    }

    private static async Task<string> PingAsync(SalesBotApp app)
    {
        var client = app.Get<ShopifyAdminClientFactory>().Create(Shop);
        return (await client.QueryAsync("Ping", null, WebhookJson.Default.PingData, default)).Shop.Name;
    }
}
