using Microsoft.Playwright;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>
/// The console as a merchant uses it, in a real browser (Debian's chromium through Playwright) against the real app in
/// sandbox mode, nothing configured: install the demo store, sign in, see the install on the overview, connect the
/// sandbox page, a shopper chats on the sandbox chat page, the conversation shows in the inbox, take over, reply, hand
/// back, the bot answers again; sharing a code and then no codes changes what the bot says. Each page's screenshot is
/// written to docs/screenshots/ (the README shows them).
/// </summary>
public sealed class ConsoleTourTests : IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(RepoPaths.Root, "docs", "screenshots");
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
    public async Task A_merchant_runs_the_shop_from_the_console_while_a_shopper_chats()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.LaunchAsync(playwright);
        await using var merchantContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        var console = await merchantContext.NewPageAsync();
        await using var shopperContext = await browser.NewContextAsync();
        var chat = await shopperContext.NewPageAsync();
        Directory.CreateDirectory(Screenshots);

        // Install the demo store, then sign in with the one-click demo button of the sign-in page.
        await TestBrowser.InstallDemoStoreAsync(console, _base);
        await console.GotoAsync(_base + "/console");
        Assert.EndsWith("/console/sign-in", new Uri(console.Url).AbsolutePath);
        await ShotAsync(console, "sign-in");
        await console.ClickAsync("#demo-sign-in");
        Assert.Equal("/console", new Uri(console.Url).AbsolutePath);

        // The overview shows the install: the connection, and the mirror's counts equal to what was published.
        Assert.Contains("connected", await console.Locator("#install-state").TextContentAsync());
        var products = int.Parse(NumberIn(await console.Locator("#count-products").TextContentAsync()));
        Assert.True(products > 0);
        await ShotAsync(console, "overview");

        // Connect the sandbox page through the (sandbox) Facebook dialog; the console names it when it comes back.
        await console.GotoAsync(_base + "/console/pages");
        await console.ClickAsync("#connect-page");
        await console.ClickAsync("#allow");
        Assert.Equal("/console/pages", new Uri(console.Url).AbsolutePath);
        await Assertions.Expect(console.Locator("#notice")).ToContainTextAsync("Demo Store");
        await ShotAsync(console, "pages");

        // A shopper asks for a product and gets cards.
        await chat.GotoAsync(_base + "/sandbox/chat");
        var bot = chat.Locator(".bubble.bot");
        await SayAsync(chat, "do you have a shirt?");
        await chat.Locator(".card").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });

        // The conversation appears in the inbox; the merchant opens it, takes over and replies.
        await console.GotoAsync(_base + "/console/inbox");
        var conversation = console.Locator("#conversation-list li a").First;
        await conversation.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        await conversation.ClickAsync();
        await Assertions.Expect(console.Locator("#transcript")).ToContainTextAsync("do you have a shirt?");
        await console.ClickAsync("#take-over");
        await Assertions.Expect(console.Locator("#conversation-state")).ToContainTextAsync("You");
        var quietFrom = await bot.CountAsync();
        await SayAsync(chat, "is it machine washable?");
        await Assertions.Expect(console.Locator("#transcript")).ToContainTextAsync("is it machine washable?", new LocatorAssertionsToContainTextOptions { Timeout = 20000 });
        Assert.Equal(quietFrom, await bot.CountAsync());

        const string personReply = "Hi, this is Alex from the shop: yes, 30 °C is fine.";
        await console.FillAsync("#reply-text", personReply);
        await console.ClickAsync("#send-reply");
        await Assertions.Expect(chat.Locator(".bubble.bot").Last).ToContainTextAsync(personReply, new LocatorAssertionsToContainTextOptions { Timeout = 20000 });
        await Assertions.Expect(console.Locator("#transcript")).ToContainTextAsync(personReply);
        await ShotAsync(console, "inbox");

        // Hand back: the bot answers the shopper's next message again.
        await console.ClickAsync("#hand-back");
        await Assertions.Expect(console.Locator("#conversation-state")).ToContainTextAsync("Bot");
        var before = await bot.CountAsync();
        await SayAsync(chat, "show me something else");
        await WaitForMoreAsync(bot, before);

        // Settings: share one code the bot may share; the bot names it. Then share none; the bot names no code.
        await console.GotoAsync(_base + "/console/settings");
        var shareable = console.Locator("input[name=code]:not([disabled])").First;
        var code = await shareable.GetAttributeAsync("value") ?? throw new InvalidOperationException("No shareable code in the demo store.");
        await shareable.CheckAsync();
        await console.ClickAsync("#save-settings");
        await Assertions.Expect(console.Locator("#notice")).ToBeVisibleAsync();
        await ShotAsync(console, "settings");
        var asked = await bot.CountAsync();
        await SayAsync(chat, "any discount codes?");
        var answer = await WaitForMoreAsync(bot, asked);
        Assert.Contains(code, answer);

        await console.GotoAsync(_base + "/console/settings");
        foreach (var box in await console.Locator("input[name=code]:checked").AllAsync()) await box.UncheckAsync();
        await console.ClickAsync("#save-settings");
        await Assertions.Expect(console.Locator("#notice")).ToBeVisibleAsync();
        asked = await bot.CountAsync();
        await SayAsync(chat, "any discount codes?");
        answer = await WaitForMoreAsync(bot, asked);
        Assert.DoesNotContain(code, answer);

        // The catalog as the bot searches it, and what the bot achieved.
        await console.GotoAsync(_base + "/console/catalog?q=shirt");
        Assert.True(await console.Locator("#catalog-results .card").CountAsync() > 0);
        await ShotAsync(console, "catalog");
        await console.GotoAsync(_base + "/console/results");
        await ShotAsync(console, "results");
        await ShotAsync(chat, "shopper-chat");
    }

    private static async Task SayAsync(IPage chat, string text)
    {
        await chat.FillAsync("#text", text);
        await chat.ClickAsync("#send");
    }

    /// <summary>Waits for a bot bubble beyond the first <paramref name="count"/> and returns the new bubbles' text.</summary>
    private static async Task<string> WaitForMoreAsync(ILocator bubbles, int count)
    {
        await bubbles.Nth(count).WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        var all = await bubbles.AllTextContentsAsync();
        return string.Join("\n", all.Skip(count));
    }

    private static string NumberIn(string? text) => new(new string((text ?? "").Where(c => char.IsDigit(c)).ToArray()));

    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"console-{name}.png"), FullPage = true });
}
