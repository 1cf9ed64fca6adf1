using SalesBot.Tests.Support;
using Microsoft.Playwright;
using SalesBot.Tests.Facebook;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>
/// The inbox in a real browser (Debian's chromium through Playwright): a shopper asks for a person on the sandbox chat page
/// in another window, and the open inbox highlights the conversation and counts it in the nav badge without a reload.
/// </summary>
public sealed class InboxBrowserTests : IAsyncLifetime
{
    private InboxApp _app = null!;

    public async Task InitializeAsync() => _app = await InboxApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_shopper_asking_for_a_person_is_highlighted_in_the_open_inbox_without_a_reload()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.LaunchAsync(playwright);
        var baseUrl = _app.BaseUri.ToString().TrimEnd('/');
        await using var merchantContext = await browser.NewContextAsync();
        var inbox = await merchantContext.NewPageAsync();
        await inbox.GotoAsync(baseUrl + "/console/login?shop=demo-store");
        await inbox.GotoAsync(baseUrl + "/console/inbox");
        Assert.Equal(0, await inbox.Locator("#conversation-list li").CountAsync());
        Assert.True(await inbox.Locator("[data-waiting-count]").IsHiddenAsync());
        // A reload would drop this mark.
        await inbox.EvaluateAsync("() => window.__sameDocument = true");

        await using var shopperContext = await browser.NewContextAsync();
        var chat = await shopperContext.NewPageAsync();
        await chat.GotoAsync(baseUrl + "/sandbox/chat");
        await chat.FillAsync("#text", "I want to talk to a human");
        await chat.ClickAsync("#send");
        await chat.Locator(".bubble.bot").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });

        var waiting = inbox.Locator("#conversation-list li.waiting");
        await waiting.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.Equal("waiting", await waiting.GetAttributeAsync("data-state"));
        Assert.Contains("flash", await waiting.GetAttributeAsync("class") ?? "");
        Assert.Contains("Waiting for you", await waiting.TextContentAsync());
        var badge = inbox.Locator("[data-waiting-count]");
        await Assertions.Expect(badge).ToHaveTextAsync("1");
        Assert.True(await badge.IsVisibleAsync());
        Assert.True(await inbox.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the inbox reloaded");
    }
}
