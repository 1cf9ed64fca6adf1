using System.Net;
using SalesBot.Shopify.Auth;
using SalesBot.Tests.Snapshots;
using SalesBot.Tests.Support;
using SalesBot.Tests.Webhooks;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>Uninstalling the app ends every console session of that shop, although the cookie has not expired.</summary>
public sealed class SessionRevocationTests(S3rverFixture s3) : IClassFixture<S3rverFixture>
{
    [Fact]
    public async Task A_session_is_refused_once_the_shop_uninstalls_the_app()
    {
        await using var live = await LiveShop.StartAsync(s3);
        await live.InstallAsync();
        using var browser = live.App.Browser();
        await SignInFlow.SignInAsync(browser, live.Shop);
        using (var before = await browser.GetAsync("/console/catalog"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await live.AdminAsync(HttpMethod.Post, "app/uninstall");
        var tokens = live.App.Get<ShopTokenStore>();
        await LiveShop.WaitUntilAsync(async () => (await tokens.FindAsync(live.Shop, default))?.UninstalledAt is not null, "app/uninstalled to be applied");

        // The same cookie, as an API client: 401 JSON, and the cookie is cleared.
        using var after = await browser.GetAsync("/console/catalog");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("\"error\"", await after.Content.ReadAsStringAsync());
        Assert.Contains(after.Headers.GetValues("Set-Cookie"), c => c.StartsWith("salesbot_session=;", StringComparison.Ordinal));
    }
}
