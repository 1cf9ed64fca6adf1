using System.Net;
using System.Text.RegularExpressions;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>In sandbox mode one click on the home page signs in as the demo store's merchant, through the real flow.</summary>
public sealed partial class DemoSignInTests
{
    [Fact]
    public async Task The_home_page_link_signs_in_as_the_demo_merchant_in_one_click()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?>());
        using var browser = app.Browser();
        var home = await browser.GetStringAsync("/");
        var href = WebUtility.HtmlDecode(DemoLink().Match(home).Groups[1].Value);
        Assert.Equal("/console/login?shop=demo-store", href);

        // login → the in-process sandbox approves at once (online mode) → callback → /console: no page to click on the way.
        var next = new Uri(app.BaseUri, href);
        var hops = new List<string>();
        HttpResponseMessage response;
        while (true)
        {
            response = await browser.GetAsync(next);
            if (response.StatusCode != HttpStatusCode.Redirect) break;
            hops.Add(response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString);
            next = new Uri(next, response.Headers.Location!);
            response.Dispose();
        }
        Assert.Equal(["/sandbox/demo-store.myshopify.com/admin/oauth/authorize", "/console/callback", "/console"], hops);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        response.Dispose();
        Assert.Equal("owner@demo-store.myshopify.com", ConsoleHtml.TextOf(page, "staff-email"));
        Assert.Equal("demo-store.myshopify.com", ConsoleHtml.TextOf(page, "shop"));
    }

    [GeneratedRegex("id=\"demo-sign-in\" href=\"([^\"]+)\"")]
    private static partial Regex DemoLink();
}
