using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesBot.Catalog;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Snapshots;
using SalesBot.Tests.Assistant;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// The sandbox chat page in a real browser (Debian's chromium through Playwright) against the app on
/// real Kestrel: a shopper types, the page sends a signed webhook, product cards come back.
/// </summary>
public sealed class SandboxChatPageTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "salesbot-chat-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program> _factory = null!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        var store = new LocalFolderSnapshotStore(Path.Combine(_dataDir, "snapshots"));
        await store.PutAsync(TestCatalog.Shop, JsonSerializer.SerializeToUtf8Bytes(TestCatalog.Create(), CatalogJson.Default.ShopifyData), "hash-1", default);
        var port = LoopbackPort.Free();
        _baseUrl = $"http://127.0.0.1:{port}";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("DATA_DIR", _dataDir).UseTestDatabase(_dataDir);
            web.UseSetting("APP_BASE_URL", _baseUrl);
            web.ConfigureServices(services => services.AddSingleton<ISnapshotStore>(store));
        });
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task A_shopper_message_comes_back_as_product_cards_in_the_browser()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(_baseUrl + "/sandbox/chat");
        await page.FillAsync("#text", "do you have a blue shirt?");
        await page.ClickAsync("#send");

        var title = page.Locator(".card .card-title").First;
        await title.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.Equal("Ocean Blue Shirt", await title.TextContentAsync());
        var buy = page.Locator(".card a.btn", new PageLocatorOptions { HasTextString = "Buy" }).First;
        // The shopper's Buy link is the app's tracked one; following it lands on the cart permalink.
        var href = await buy.GetAttributeAsync("href");
        Assert.StartsWith(_baseUrl + "/go/", href);
        using (var noRedirects = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }))
        using (var followed = await noRedirects.GetAsync(href))
        {
            Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
            Assert.Equal("https://boutique.example/cart/100:1", followed.Headers.Location!.OriginalString);
        }
        Assert.Contains("$50.00", await page.Locator(".card .card-subtitle").First.TextContentAsync());
        Assert.True(await page.Locator("#quick button").CountAsync() >= 2);
        Assert.Equal(MessengerAppFixture.Opening + "Here is what I found for you:", await page.Locator(".bubble.bot").First.TextContentAsync());
    }


    [Fact]
    public async Task Switched_to_instagram_the_shopper_writes_as_an_instagram_user_and_gets_the_answer_there()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(_baseUrl + "/sandbox/chat");
        await page.ClickAsync("#switch-channel");
        await page.WaitForURLAsync("**/sandbox/chat?channel=instagram", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        // The page's Instagram professional account, as the sandbox Graph API links it to the page.
        await Assertions.Expect(page.Locator("#page-name")).ToHaveTextAsync("@demo.store");
        Assert.Equal("instagram", await page.EvaluateAsync<string>("document.body.className"));
        Assert.True(await page.Locator("#post-panel").IsHiddenAsync());
        var igsid = await page.EvaluateAsync<string>("localStorage.getItem('sandbox-igsid')");
        Assert.StartsWith("igsid-", igsid);

        await page.FillAsync("#text", "do you have a blue shirt?");
        await page.ClickAsync("#send");
        var title = page.Locator(".card .card-title").First;
        await title.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.Equal("Ocean Blue Shirt", await title.TextContentAsync());
        Assert.True(await page.Locator("#quick button").CountAsync() >= 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "sandbox-chat-instagram.png") });

        // The answer went to the IGSID through the Send API; the Messenger thread (its own PSID) stays empty.
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        var sent = JsonDocument.Parse(await http.GetStringAsync($"/sandbox/facebook/chat/messages?psid={igsid}")).RootElement;
        Assert.Contains(sent.EnumerateArray(), item => item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object);
        await page.ClickAsync("#switch-channel");
        // DOMContentLoaded, not the load event: the load waits on catalog images from hosts this machine cannot reach (a
        // 30 s timeout on a loaded CI machine).
        await page.WaitForURLAsync("**/sandbox/chat?channel=messenger", new PageWaitForURLOptions { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("#channel-line")).ToContainTextAsync("Messenger");
        Assert.Equal(0, await page.Locator(".card").CountAsync());
    }

    [Fact]
    public async Task The_welcome_screen_offers_the_ice_breakers_or_get_started_and_the_menu_posts_its_postbacks()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var profile = MessengerProfileBuilder.For(SalesBot.Assistant.Settings.ShopAssistantSettings.Defaults);

        // The app sets the sandbox page's profile once it has started; a new conversation opens on the welcome screen.
        await page.GotoAsync(_baseUrl + "/sandbox/chat");
        await page.Locator("#welcome").WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.Equal(MessengerProfileBuilder.DefaultGreeting.Replace("{{user_first_name}}", FacebookSandboxChatProfile.FirstName),
            await page.Locator("#greeting").TextContentAsync());
        // API ice breakers take precedence over the Get Started button.
        Assert.Equal(profile.IceBreakers[0].CallToActions.Select(q => q.Question), await page.Locator(".ice-breaker").AllTextContentsAsync());
        Assert.Equal(0, await page.Locator("#get-started").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/profile-chat-welcome.png" });

        await page.Locator(".ice-breaker", new PageLocatorOptions { HasTextString = "Show me what's new" }).ClickAsync();
        await page.Locator(".card .card-title").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.True(await page.Locator("#welcome").IsHiddenAsync());
        Assert.Equal("Show me what's new", await page.Locator(".bubble.me").First.TextContentAsync());
        Assert.Contains("Just in at Test Boutique:", await page.Locator(".bubble.bot").First.TextContentAsync());

        await page.ClickAsync("#menu-button");
        Assert.Equal(profile.PersistentMenu[0].CallToActions.Select(i => i.Title), await page.Locator("#menu .menu-item").AllTextContentsAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/profile-chat-menu.png" });
        await page.Locator("#menu .menu-item", new PageLocatorOptions { HasTextString = "Talk to a person" }).ClickAsync();
        await page.Locator(".bubble.bot", new PageLocatorOptions { HasTextString = SalesBot.Assistant.Phrases.For("en").HandOff })
            .WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.True(await page.Locator("#menu").IsHiddenAsync());

        // Without ice breakers the welcome screen offers Get Started, which answers with the welcome and featured products.
        using (var http = new HttpClient())
        using (var removed = await http.SendAsync(new HttpRequestMessage(HttpMethod.Delete,
            $"{_baseUrl}/sandbox/facebook/{FacebookSandboxExtensions.GraphVersion}/me/messenger_profile?access_token={FacebookApp.SandboxPageToken}")
            { Content = System.Net.Http.Json.JsonContent.Create(new { fields = new[] { "ice_breakers" } }) }))
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var fresh = await browser.NewPageAsync();
        await fresh.GotoAsync(_baseUrl + "/sandbox/chat");
        var getStarted = fresh.Locator("#get-started");
        await getStarted.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.Equal(0, await fresh.Locator(".ice-breaker").CountAsync());
        await fresh.ScreenshotAsync(new PageScreenshotOptions { Path = "/tmp/profile-chat-get-started.png" });
        await getStarted.ClickAsync();
        await fresh.Locator(".card .card-title").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.Equal("Get Started", await fresh.Locator(".bubble.me").First.TextContentAsync());
        Assert.EndsWith(string.Format(SalesBot.Assistant.Phrases.For("en").Welcome, "Test Boutique"), await fresh.Locator(".bubble.bot").First.TextContentAsync());
    }

    [Fact]
    public async Task A_comment_on_the_pages_post_gets_its_private_reply_in_the_messenger_thread()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(_baseUrl + "/sandbox/chat");
        await page.ClickAsync("#post-panel summary");
        await page.FillAsync("#comment-text", "How much is the blue shirt?");
        await page.ClickAsync("#comment-send");

        var reply = page.Locator(".bubble.bot").First;
        await reply.WaitForAsync(new LocatorWaitForOptions { Timeout = 20000 });
        Assert.Equal("How much is the blue shirt?", await page.Locator("#comments .comment").First.TextContentAsync());
        Assert.Contains("Ocean Blue Shirt", await reply.TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "sandbox-chat-comment.png"), FullPage = true });
    }
}
