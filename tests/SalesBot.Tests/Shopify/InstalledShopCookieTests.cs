using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SalesBot.Facebook;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Shopify.Auth;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Shopify;

/// <summary>
/// A Shopify install leaves the shop in a cookie, so a page connected from the same browser sells
/// for that shop. Two shops are installed, so the "only installed shop" fallback cannot be what
/// links the page: a browser without the cookie is refused.
/// </summary>
public sealed partial class InstalledShopCookieTests
{
    [Fact]
    public async Task Page_connect_after_an_install_links_the_page_to_that_shop()
    {
        await using var sandbox = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = 5 }),
            ThrottleBucketSize = 100_000,
            ThrottleRestoreRate = 100_000,
        });
        await using var app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(sandbox.ApiOrigin));
        using var first = app.Browser();
        using var second = app.Browser();

        var cookie = await InstallAsync(first, "first-shop");
        await InstallAsync(second, "second-shop");

        Assert.StartsWith(InstalledShopCookie.Name + "=first-shop.myshopify.com;", cookie);
        var attributes = cookie.ToLowerInvariant();
        Assert.Contains("path=/;", attributes + ";");
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("max-age=2592000", attributes);

        Assert.Equal("first-shop.myshopify.com", (await ConnectPageAsync(first)).Shop);
        Assert.Equal("second-shop.myshopify.com", (await ConnectPageAsync(second)).Shop);

        using var stranger = app.Browser();
        using var refused = await stranger.GetAsync("/facebook/login");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    /// <summary>Installs through the sandbox's consent screen and returns the shop cookie the callback set.</summary>
    private static async Task<string> InstallAsync(HttpClient browser, string shop)
    {
        var callback = await InstallFlow.SignedCallbackAsync(browser, shop);
        using var response = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(InstalledShopCookie.Name + "=", StringComparison.Ordinal));
    }

    /// <summary>/facebook/login without <c>?shop=</c> → the app's emulated login dialog → /facebook/callback, in one browser.</summary>
    private static async Task<PageConnectReport> ConnectPageAsync(HttpClient browser)
    {
        using var login = await browser.GetAsync("/facebook/login");
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var html = await browser.GetStringAsync(login.Headers.Location!);
        var callback = new Uri(WebUtility.HtmlDecode(AllowLink().Match(html).Groups[1].Value));
        using var response = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<PageConnectReport>())!;
        Assert.All(report.Pages, p => Assert.Equal(report.Shop, p.Shop));
        return report;
    }

    [GeneratedRegex("id=\"allow\" href=\"([^\"]+)\"")]
    private static partial Regex AllowLink();
}
