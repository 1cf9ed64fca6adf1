using Microsoft.Playwright;

namespace SalesBot.Tests.Support;

/// <summary>
/// Debian's chromium driven by Playwright (nothing downloaded), started as this machine needs: headless, no sandbox as
/// root, and none of the background connections that a closed network refuses.
/// </summary>
public static class TestBrowser
{
    public const string Chromium = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run tests/tools/install-browser.sh");
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Installs the sandbox demo store as a merchant would: the app's install link, then Install on the sandbox's authorize page.</summary>
    public static async Task InstallDemoStoreAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/shopify/demo-store/login");
        await page.ClickAsync("#install");
    }
}
