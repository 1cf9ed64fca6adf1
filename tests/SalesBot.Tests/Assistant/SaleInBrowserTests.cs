using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SalesBot.Assistant;
using SalesBot.Catalog;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// A sale on the sandbox chat page in a real browser (Debian's chromium), against the app in sandbox mode with the
/// demo store installed: search, "the second one", a size from the quick replies, add it, checkout. The checkout link
/// must name exactly the variant the shopper picked (found in the published catalog, not written here) with quantity 1.
/// </summary>
public sealed partial class SaleInBrowserTests : IAsyncLifetime
{
    private SalesBotApp _app = null!;
    private string _base = "";

    public Task InitializeAsync()
    {
        _app = SalesBotApp.Start(new Dictionary<string, string?>());
        _base = _app.BaseUrl;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_shopper_picks_the_second_product_and_a_size_and_gets_a_checkout_link_for_that_variant()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        await TestBrowser.InstallDemoStoreAsync(page, _base);

        await page.GotoAsync(_base + "/sandbox/chat");
        var bot = page.Locator(".bubble.bot");
        await SayAsync(page, "do you have hoodies?");
        await page.Locator(".card .card-title").Nth(1).WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        var second = (await page.Locator(".card .card-title").Nth(1).TextContentAsync())!.Trim();

        var before = await bot.CountAsync();
        await SayAsync(page, "how much is the second one?");
        Assert.Contains(second, await NewBubblesAsync(bot, before));

        // The first size the quick replies offer, tapped as a shopper would.
        var size = page.Locator("#quick button").First;
        await size.WaitForAsync();
        var sizeValue = (await size.TextContentAsync())!.Trim();
        before = await bot.CountAsync();
        await size.ClickAsync();
        var answer = await NewBubblesAsync(bot, before);
        if (!answer.Contains("add it", StringComparison.OrdinalIgnoreCase))
        {
            // The product has a second option (colour): take the first one offered.
            var colour = page.Locator("#quick button").First;
            before = await bot.CountAsync();
            await colour.ClickAsync();
            await NewBubblesAsync(bot, before);
        }

        before = await bot.CountAsync();
        await SayAsync(page, "add it");
        Assert.Contains("to your cart", await NewBubblesAsync(bot, before));
        await SayAsync(page, "checkout");
        // The checkout arrives as a button (a button template); tapping it goes through the app's tracked /go/ link.
        var button = page.Locator(".button-template a.btn");
        await button.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.Equal("Checkout", (await button.TextContentAsync())!.Trim());
        var tracked = (await button.GetAttributeAsync("href"))!;
        Assert.StartsWith(_base + "/go/", tracked);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var followed = await http.GetAsync(tracked);
        var checkout = followed.Headers.Location!.OriginalString;

        var catalog = await _app.Get<CatalogProvider>().GetAsync("demo-store.myshopify.com", default);
        Assert.NotNull(catalog);
        var link = CartLink().Match(checkout);
        Assert.True(link.Success, checkout);
        Assert.Equal(catalog.StoreHost, link.Groups["host"].Value);
        Assert.Equal("1", link.Groups["qty"].Value);
        var (product, variant) = catalog.Products.SelectMany(p => p.Product.Variants.Nodes.Select(v => (p.Product, v)))
            .Single(x => ShopifyIds.Tail(x.v.Id) == link.Groups["variant"].Value);
        Assert.Equal(second, product.Title);
        Assert.Contains(variant.SelectedOptions, o => o.Name == "Size" && o.Value == sizeValue);
        Assert.True(variant.AvailableForSale);
    }

    private static async Task SayAsync(IPage page, string text)
    {
        await page.FillAsync("#text", text);
        await page.ClickAsync("#send");
    }

    /// <summary>The text of the bot bubbles after the first <paramref name="count"/>, once at least one more arrived and the bot went quiet.</summary>
    private static async Task<string> NewBubblesAsync(ILocator bubbles, int count)
    {
        await bubbles.Nth(count).WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        await Task.Delay(500);
        return string.Join("\n", (await bubbles.AllTextContentsAsync()).Skip(count));
    }

    [GeneratedRegex(@"https://(?<host>[^/\s]+)/cart/(?<variant>\d+):(?<qty>\d+)(?![\d,])")]
    private static partial Regex CartLink();
}
