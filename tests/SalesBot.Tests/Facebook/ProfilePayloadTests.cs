using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Assistant;
using SalesBot.Assistant.Settings;
using SalesBot.Catalog;
using SalesBot.Configuration;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;
using SalesBot.Signing;
using SalesBot.Snapshots;
using SalesBot.TestKit;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// Each payload of the Messenger profile (Get Started, the ice breakers, the menu), posted as Messenger posts a postback
/// (signed webhook) to the app in catalog-only mode, leads to its action, sent through the Graph sandbox: the welcome and
/// the featured products, the newest products, what is on sale with the codes the merchant shares, the guided gift search,
/// and the handoff to a person.
/// </summary>
public sealed class ProfilePayloadTests : IAsyncLifetime
{
    // The sandbox page is pre-configured for the demo store in sandbox mode.
    private const string Shop = FacebookApp.SandboxShop;
    private const string PageId = FacebookApp.SandboxPageId;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "salesbot-payload-" + Guid.NewGuid().ToString("N"));
    private FacebookSandboxServer _sandbox = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await FacebookSandboxServer.StartAsync();
        var store = new LocalFolderSnapshotStore(Path.Combine(_dataDir, "snapshots"));
        await store.PutAsync(Shop, JsonSerializer.SerializeToUtf8Bytes(Catalog(), CatalogJson.Default.ShopifyData), "hash-1", default);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("DATA_DIR", _dataDir).UseTestDatabase(_dataDir);
            web.UseSetting("FACEBOOK_GRAPH_ORIGIN", _sandbox.GraphOrigin);
            web.ConfigureServices(services => services.AddSingleton<ISnapshotStore>(store));
        });
        _client = _factory.CreateClient();
        // The shop lets the bot share its one code; the deals reply lists it.
        var saved = await _factory.Services.GetRequiredService<AssistantSettingsService>()
            .SaveAsync(Shop, new AssistantSettingsInput(null, ["WELCOME10"], null, true, false, null, [], null), default);
        Assert.True(saved.Saved, string.Join("; ", saved.Errors.Values));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _sandbox.DisposeAsync();
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>Five products with creation dates and markdowns; the scarf is sold out, so neither new nor a deal to offer.</summary>
    private static ShopifyData Catalog() => CatalogBuilder.Catalog(
        CatalogBuilder.DollarShop(Shop, "Payload Shop", "payload.example"),
        [
            Product(1, "Classic Mug", "2024-01-01T10:00:00Z", 20m, null),
            Product(2, "Sale Candle", "2024-06-01T10:00:00Z", 15m, 25m),
            Product(3, "New Lamp", "2026-11-20T10:00:00Z", 80m, null),
            Product(4, "Sold-out Scarf", "2026-11-25T10:00:00Z", 30m, 60m, available: false),
            Product(5, "Half Hoodie", "2025-03-01T10:00:00Z", 30m, 60m),
        ],
        discounts: [CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/1", "Welcome", ["WELCOME10"], summary: "10% off your order")]);

    private static Product Product(int id, string title, string createdAt, decimal price, decimal? compareAt, bool available = true)
    {
        var handle = title.ToLowerInvariant().Replace(' ', '-');
        return CatalogBuilder.Product($"gid://shopify/Product/{id}", title, handle,
            [CatalogBuilder.Variant($"gid://shopify/ProductVariant/{id}", "Default Title", price, [new SelectedOption("Title", "Default Title")],
                available: available, quantity: available ? 5 : 0, compareAtPrice: compareAt)],
            productType: "Gift", onlineStoreUrl: $"https://payload.example/products/{handle}", createdAt: createdAt);
    }

    [Fact]
    public async Task Get_started_answers_with_the_welcome_and_the_featured_products()
    {
        var replies = await TapAsync("shopper-start", "Get Started", ShopperMessage.PayloadGetStarted);
        Assert.EndsWith(string.Format(Phrases.For("en").Welcome, "Payload Shop"), replies[0].Text);
        Assert.StartsWith(ShopAssistantSettings.DisclosureLine("Payload Shop"), replies[0].Text);
        Assert.Equal(["Classic Mug", "Sale Candle", "New Lamp", "Half Hoodie"], replies[1].Cards);
    }

    [Fact]
    public async Task Whats_new_shows_the_newest_products_that_can_be_bought()
    {
        var replies = await TapAsync("shopper-new", "Show me what's new", ShopperMessage.PayloadNewArrivals);
        Assert.EndsWith(string.Format(ShortcutPhrases.For("en").NewArrivals, "Payload Shop"), replies[0].Text);
        Assert.Equal(["New Lamp", "Half Hoodie", "Sale Candle", "Classic Mug"], replies[1].Cards);
    }

    [Fact]
    public async Task Deals_show_the_markdowns_deepest_first_and_the_codes_the_merchant_shares()
    {
        var replies = await TapAsync("shopper-deals", "Any deals today?", ShopperMessage.PayloadDeals);
        Assert.Contains(ShortcutPhrases.For("en").Deals, replies[0].Text);
        Assert.Contains("WELCOME10 — 10% off your order", replies[0].Text);
        Assert.Equal(["Half Hoodie", "Sale Candle"], replies[1].Cards);
        Assert.Contains("Use WELCOME10", replies[^1].QuickReplies);
    }

    [Fact]
    public async Task Gift_asks_who_it_is_for_and_a_choice_searches_for_that_person()
    {
        var replies = await TapAsync("shopper-gift", "Help me find a gift", ShopperMessage.PayloadGift);
        Assert.EndsWith(ShortcutPhrases.For("en").Gift, replies[0].Text);
        Assert.Equal(ShortcutPhrases.For("en").GiftChoices().Select(c => c.Title), replies[0].QuickReplies);

        var chosen = await SendAsync("shopper-gift", Message("shopper-gift", ShortcutPhrases.For("en").ForHim, ShopperMessage.PayloadGiftSearch));
        Assert.NotEmpty(chosen.SelectMany(r => r.Cards));
    }

    [Fact]
    public async Task Talk_to_a_person_from_the_menu_hands_the_conversation_over()
    {
        var replies = await TapAsync("shopper-human", "Talk to a person", ShopperMessage.PayloadHuman);
        Assert.EndsWith(Phrases.For("en").HandOff, replies[0].Text);
        var conversations = _factory.Services.GetRequiredService<ConversationStore>();
        Assert.True(await conversations.BotStaysQuietAsync(new ConversationKey(PageId, "shopper-human"), default));
    }

    private sealed record Reply(string? Text, IReadOnlyList<string> Cards, IReadOnlyList<string> QuickReplies);

    /// <summary>A postback as Messenger sends one for a tapped ice breaker, menu item or Get Started.</summary>
    private Task<IReadOnlyList<Reply>> TapAsync(string psid, string title, string payload) => SendAsync(psid, new
    {
        sender = new { id = psid },
        recipient = new { id = PageId },
        timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        postback = new { mid = "m_" + Guid.NewGuid().ToString("N"), title, payload },
    });

    private static object Message(string psid, string text, string quickReply) => new
    {
        sender = new { id = psid },
        recipient = new { id = PageId },
        timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        message = new { mid = "m_" + Guid.NewGuid().ToString("N"), text, quick_reply = new { payload = quickReply } },
    };

    private async Task<IReadOnlyList<Reply>> SendAsync(string psid, object messaging)
    {
        var before = _sandbox.State.Sent(psid).Count;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @object = "page",
            entry = new[] { new { id = PageId, time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), messaging = new[] { messaging } } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/facebook/webhook") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(MetaSignature.HeaderName, new MetaSignature(FacebookOptions.SandboxAppSecret).Sign(body));
        using (var response = await _client.SendAsync(request)) response.EnsureSuccessStatusCode();

        var dispatcher = _factory.Services.GetRequiredService<ConversationDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        await Task.Delay(100);
        while (!(dispatcher.IsIdle && _sandbox.State.Sent(psid).Count(s => s.Message is not null) > before) && DateTime.UtcNow < deadline) await Task.Delay(20);
        await Task.Delay(100);
        while (!dispatcher.IsIdle && DateTime.UtcNow < deadline) await Task.Delay(20);
        return _sandbox.State.Sent(psid).Skip(before).Where(s => s.Message is not null).Select(s => Read(s.Message!.Value)).ToList();
    }

    private static Reply Read(JsonElement message)
    {
        var text = message.TryGetProperty("text", out var t) ? t.GetString() : null;
        var cards = message.TryGetProperty("attachment", out var a) && a.GetProperty("payload").TryGetProperty("elements", out var elements)
            ? elements.EnumerateArray().Select(e => e.GetProperty("title").GetString()!).ToList()
            : [];
        var quick = message.TryGetProperty("quick_replies", out var q) ? q.EnumerateArray().Select(r => r.GetProperty("title").GetString()!).ToList() : [];
        return new Reply(text, cards, quick);
    }
}
