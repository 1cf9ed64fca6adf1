using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using SalesBot.Assistant;
using SalesBot.Facebook;
using SalesBot.Insights;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Insights;

/// <summary>
/// The app in sandbox mode over real HTTP: a shopper chats through the sandbox's Messenger, follows a Buy link, and
/// the merchant's results page counts it; the /go/ redirect refuses what the app did not issue.
/// </summary>
public sealed class ResultsOverHttpTests : IAsyncLifetime
{
    private const string Shop = FacebookApp.SandboxShop;
    private SalesBotApp _app = null!;

    public Task InitializeAsync()
    {
        _app = SalesBotApp.Start(new Dictionary<string, string?>());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_chat_that_gets_cards_and_a_buy_click_shows_on_the_shops_results_and_nowhere_else()
    {
        using var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(browser, "demo-store")).Status);
        var catalog = await _app.Get<CatalogProvider>().GetAsync(Shop, default);
        var product = catalog!.Products.First(p => p.AvailableVariants.Any()).Product;

        // The shopper asks for a product by name, from the sandbox chat page's API (signed webhook to the app).
        using var shopper = _app.Browser();
        using (var sent = await shopper.PostAsJsonAsync("/sandbox/facebook/chat/send", new { psid = "psid-results", text = $"do you have {product.Title}?" }))
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        var messages = await WaitForCardsAsync(shopper, "psid-results");
        using (var again = await shopper.PostAsJsonAsync("/sandbox/facebook/chat/send", new { psid = "psid-results", text = "thanks" }))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        messages = await WaitForMessagesAsync(shopper, "psid-results", messages.Count + 1);

        var elements = messages.Where(m => m.TryGetProperty("attachment", out _))
            .SelectMany(m => m.GetProperty("attachment").GetProperty("payload").GetProperty("elements").EnumerateArray()).ToList();
        var buy = elements.SelectMany(e => e.GetProperty("buttons").EnumerateArray()).First(b => b.GetProperty("title").GetString() == "Buy").GetProperty("url").GetString()!;
        Assert.StartsWith(_app.BaseUrl + "/go/", buy);
        using (var click = await shopper.GetAsync(buy))
        {
            Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
            Assert.StartsWith($"https://{catalog.StoreHost}/cart/", click.Headers.Location!.OriginalString);
        }

        // Then the shopper asks for a person, and a person answers from the page inbox (an echo from Meta's inbox app).
        using (var person = await shopper.PostAsJsonAsync("/sandbox/facebook/chat/send", new { psid = "psid-results", text = "can I talk to a person?" }))
            Assert.Equal(HttpStatusCode.OK, person.StatusCode);
        messages = await WaitForMessagesAsync(shopper, "psid-results", messages.Count + 1);
        using (var reply = await shopper.PostAsJsonAsync("/sandbox/facebook/chat/admin-reply", new { psid = "psid-results", text = "Hi, Sam here." }))
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        for (var i = 0; i < 100 && (await _app.Get<InsightsReport>().ForShopAsync(Shop, default)).Last30Days.PersonMessages == 0; i++) await Task.Delay(100);
        // One worker per conversation, in order: once the echo is counted, every reply before it has been sent.
        messages = await MessagesAsync(shopper, "psid-results");

        using var merchant = _app.Browser();
        (await SignInFlow.SignInAsync(merchant, "demo-store")).Dispose();
        var page = await merchant.GetStringAsync("/console/results");
        Assert.Equal("1", ConsoleHtml.TextOf(page, "conversations-30"));
        Assert.Equal("1", ConsoleHtml.TextOf(page, "conversations-7"));
        Assert.Equal("1", ConsoleHtml.TextOf(page, "handoffs-30"));
        Assert.Equal((3 + messages.Count + 1).ToString(), ConsoleHtml.TextOf(page, "messages-30"));   // three from the shopper, every one the bot sent, the person's
        Assert.Equal(elements.Count.ToString(), ConsoleHtml.TextOf(page, "cards-shown-30"));
        Assert.Equal("1", ConsoleHtml.TextOf(page, "buy-clicks-7"));
        Assert.Equal((100.0 / elements.Count).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%", ConsoleHtml.TextOf(page, "click-rate-30"));
        Assert.Contains($"data-page=\"{FacebookApp.SandboxPageId}\"", page);
        Assert.Contains(product.Title, ConsoleHtml.TextOf(page, "top-clicked"));

        // Another shop's merchant sees none of it.
        using var other = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(other, "other-store")).Status);
        (await SignInFlow.SignInAsync(other, "other-store")).Dispose();
        var otherPage = await other.GetStringAsync("/console/results");
        Assert.Equal("other-store.myshopify.com", ConsoleHtml.TextOf(otherPage, "shop"));
        foreach (var id in new[] { "conversations-30", "messages-30", "cards-shown-30", "buy-clicks-30" })
            Assert.Equal("0", ConsoleHtml.TextOf(otherPage, id));
        Assert.DoesNotContain(FacebookApp.SandboxPageId, otherPage);
        Assert.NotNull(ConsoleHtml.TextOf(otherPage, "no-activity"));
    }

    [Fact]
    public async Task The_redirect_counts_a_shoppers_get_only_and_refuses_what_the_app_did_not_issue()
    {
        var links = _app.Get<BuyLinks>();
        var link = new BuyLink(Shop, "page-9", "gid://shopify/Product/5", "gid://shopify/ProductVariant/55", "https://demo-store.example/cart/55:1?note=a%20b");
        var url = links.Track(link);
        using var client = _app.Browser();

        using (var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url)))
            Assert.Equal((HttpStatusCode.Redirect, link.StoreUrl), (head.StatusCode, head.Headers.Location!.OriginalString));
        using (var crawler = new HttpRequestMessage(HttpMethod.Get, url))
        {
            crawler.Headers.UserAgent.ParseAdd("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)");
            using var preview = await client.SendAsync(crawler);
            Assert.Equal(HttpStatusCode.Redirect, preview.StatusCode);
        }
        Assert.Equal(0, await ClicksAsync());

        using (var click = await client.GetAsync(url))
        {
            Assert.Equal(HttpStatusCode.Redirect, click.StatusCode);
            Assert.Equal(link.StoreUrl, click.Headers.Location!.OriginalString);
            Assert.Contains("no-store", click.Headers.CacheControl!.ToString());
        }
        Assert.Equal(1, await ClicksAsync());

        var token = url[(url.LastIndexOf('/') + 1)..];
        var bytes = WebEncoders.Base64UrlDecode(token);
        bytes[^5] ^= 0x20;
        var protection = _app.Get<IDataProtectionProvider>();
        var otherPurpose = protection.CreateProtector("SalesBot.Facebook.PageToken").Protect(protection.CreateProtector(BuyLinks.Purpose).Unprotect(WebEncoders.Base64UrlDecode(token)));
        foreach (var bad in new[] { WebEncoders.Base64UrlEncode(bytes), token[..^3], "garbled%21%21", WebEncoders.Base64UrlEncode(otherPurpose), new string('x', 5000) })
        {
            using var refused = await client.GetAsync("/go/" + bad);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Null(refused.Headers.Location);
            Assert.Contains("not valid", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        }
        Assert.Equal(1, await ClicksAsync());

        async Task<long> ClicksAsync() => (await _app.Get<InsightsReport>().ForShopAsync(Shop, default)).Last30Days.BuyClicks;
    }

    /// <summary>The messages (not sender actions) the app sent the shopper, once one carries cards.</summary>
    private static async Task<List<JsonElement>> WaitForCardsAsync(HttpClient client, string psid)
    {
        for (var i = 0; i < 200; i++)
        {
            var messages = await MessagesAsync(client, psid);
            if (messages.Any(m => m.TryGetProperty("attachment", out _))) return messages;
            await Task.Delay(100);
        }
        throw new TimeoutException("No cards came back: " + string.Join("\n", await MessagesAsync(client, psid)));
    }

    private static async Task<List<JsonElement>> WaitForMessagesAsync(HttpClient client, string psid, int atLeast)
    {
        for (var i = 0; i < 200; i++)
        {
            var messages = await MessagesAsync(client, psid);
            if (messages.Count >= atLeast) return messages;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Fewer than {atLeast} messages came back");
    }

    private static async Task<List<JsonElement>> MessagesAsync(HttpClient client, string psid)
    {
        var items = await client.GetFromJsonAsync<JsonElement>($"/sandbox/facebook/chat/messages?psid={psid}");
        return items.EnumerateArray().Where(i => i.GetProperty("message").ValueKind == JsonValueKind.Object).Select(i => i.GetProperty("message").Clone()).ToList();
    }
}
