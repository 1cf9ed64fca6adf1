using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Data;
using SalesBot.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// Instagram direct messages to the page's Instagram professional account, over real HTTP: the sandbox chat API posts signed
/// <c>object: "instagram"</c> webhooks, the app answers through the same Send API with the page token, and the emulated Graph
/// API holds every call to an IGSID to Instagram's limits (text of 1000 UTF-8 bytes, 13 quick replies, 10 cards).
/// </summary>
public sealed class InstagramMessagingTests(InstagramAppFixture ig) : IClassFixture<InstagramAppFixture>
{
    private static readonly string[] Feelings =
    [
        "soft", "light", "crisp", "airy", "cosy", "smooth", "fresh", "relaxed", "neat", "bright", "gentle", "warm", "clean",
        "breezy", "calm", "sharp", "simple", "polished", "easy", "graceful", "quiet", "lively", "sunny", "tidy", "mellow",
    ];

    /// <summary>About 3 KB of UTF-8 (accents, dashes and an emoji take 2–4 bytes each): far more than one Instagram message.</summary>
    private static string LongAnswer() =>
        "The [[ocean-blue-shirt]] is a lovely choice. " +
        string.Join(" ", Feelings.Select(f => $"It feels {f} — très élégant ✨, and it is lovely for a long walk on a warm afternoon by the sea."));

    [Fact]
    public async Task An_instagram_dm_gets_one_reply_split_within_instagrams_limits()
    {
        var igsid = InstagramAppFixture.NewIgsid();
        ig.Model.ThenToolCall("search_products", new { query = "blue shirt" }).ThenText(LongAnswer());

        await ig.DirectMessageAsync(igsid, "do you have a blue shirt?");
        await ig.WaitAsync(() => ig.MessagesTo(igsid).Any(m => m.TryGetProperty("attachment", out _)));

        var sent = ig.Graph.State.Sent(igsid);
        Assert.Equal(["mark_seen", "typing_on"], sent.Take(2).Select(s => s.SenderAction));
        Assert.All(sent, s => Assert.Equal(InstagramAppFixture.InstagramAccountId, s.PageId));
        var messages = ig.MessagesTo(igsid);
        var texts = messages.Where(m => m.TryGetProperty("text", out _)).Select(m => m.GetProperty("text").GetString()!).ToList();
        // One answer (the assistant caps it at 1800 characters, one Messenger message), split on Instagram: every part within
        // 1000 bytes, together more than one part could hold.
        Assert.True(texts.Count >= 2, $"expected the long answer in 2+ messages, got {texts.Count}");
        Assert.All(texts, t => Assert.InRange(Encoding.UTF8.GetByteCount(t), 1, 1000));
        Assert.True(texts.Sum(Encoding.UTF8.GetByteCount) > 1500);
        Assert.All(texts, t => Assert.EndsWith(".", t)); // sentence ends, where there is one in reach
        // Cut on word boundaries: every word of every part is a whole word of the model's answer.
        var words = LongAnswer().Replace("[[ocean-blue-shirt]]", "Ocean Blue Shirt").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.All(texts.SelectMany(t => t.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)),
            w => Assert.Contains(w, words.Append("Ocean").Append("Blue").Append("Shirt").Concat(OpeningWords())));
        Assert.Contains(texts, t => t.Contains("très élégant ✨"));

        var cards = messages.Where(m => m.TryGetProperty("attachment", out _)).ToList();
        var elements = Assert.Single(cards).GetProperty("attachment").GetProperty("payload").GetProperty("elements");
        Assert.InRange(elements.GetArrayLength(), 1, 10);
        Assert.Equal("Ocean Blue Shirt", elements[0].GetProperty("title").GetString());
        var quick = messages[^1].GetProperty("quick_replies");
        Assert.InRange(quick.GetArrayLength(), 1, 13);
        Assert.All(quick.EnumerateArray(), q => Assert.Equal("text", q.GetProperty("content_type").GetString()));
        Assert.All(messages.Take(messages.Count - 1), m => Assert.False(m.TryGetProperty("quick_replies", out _)));

        // Kept under the Instagram account, for the page's shop.
        await using var db = await ig.App.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        Assert.Equal(InstagramAppFixture.InstagramAccountId, (await db.MessengerEvents.SingleAsync(e => e.Psid == igsid)).PageId);
        Assert.Equal(["user", "assistant"], await db.ConversationMessages.Where(m => m.Psid == igsid && m.PageId == InstagramAppFixture.InstagramAccountId)
            .OrderBy(m => m.Id).Select(m => m.Role).ToListAsync());
    }

    [Fact]
    public async Task The_webhook_of_an_instagram_account_no_page_has_linked_is_ignored()
    {
        var igsid = InstagramAppFixture.NewIgsid();
        const string stranger = "17841499999999999";
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            @object = "instagram",
            entry = new[]
            {
                new
                {
                    id = stranger, time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    messaging = new[]
                    {
                        new
                        {
                            sender = new { id = igsid }, recipient = new { id = stranger }, timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                            message = new { mid = "aWdf" + Guid.NewGuid().ToString("N"), text = "do you have a blue shirt?" },
                        },
                    },
                },
            },
        });

        using var response = await ig.PostWebhookAsync(body);
        await ig.WaitAsync(() => true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(ig.Graph.State.Sent(igsid));
        await using var db = await ig.App.Get<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        Assert.False(await db.MessengerEvents.AnyAsync(e => e.PageId == stranger || e.Psid == igsid));
    }

    [Fact]
    public async Task The_inbox_shows_the_instagram_conversation_and_a_merchant_takes_it_over_and_replies()
    {
        var igsid = InstagramAppFixture.NewIgsid();
        ig.Model.ThenText("Happy to help you find something.");
        await ig.DirectMessageAsync(igsid, "hello there");
        await ig.WaitAsync(() => ig.MessagesTo(igsid).Count >= 1);
        var key = new ConversationKey(InstagramAppFixture.InstagramAccountId, igsid);

        await using var scope = ig.App.Services.CreateAsyncScope();
        var inbox = scope.ServiceProvider.GetRequiredService<ConversationInbox>();
        var listed = Assert.Single(await inbox.ListAsync(InstagramAppFixture.Shop, default), c => c.Psid == igsid);
        Assert.Equal((MessagingChannel.Instagram, "@" + InstagramAppFixture.InstagramUsername, InstagramAppFixture.InstagramAccountId),
            (listed.Channel, listed.PageName, listed.PageId));
        Assert.Null(await inbox.GetAsync("other-shop.myshopify.com", key, default));

        Assert.True(await inbox.TakeOverAsync(InstagramAppFixture.Shop, key, default));
        // Instagram holds 1000 bytes in a message: a person's longer reply is refused whole, not cut.
        Assert.Equal(ReplyOutcome.TooLong, await inbox.ReplyAsPersonAsync(InstagramAppFixture.Shop, key, new string('é', 501), default));
        var before = ig.MessagesTo(igsid).Count;
        Assert.Equal(ReplyOutcome.Sent, await inbox.ReplyAsPersonAsync(InstagramAppFixture.Shop, key, "Hi, Sam here from the shop — how can I help?", default));
        var human = ig.Graph.State.Sent(igsid).Last();
        Assert.Equal(("RESPONSE", "Hi, Sam here from the shop — how can I help?"), (human.MessagingType, human.Message!.Value.GetProperty("text").GetString()));

        // While the merchant has it, the bot stays quiet on Instagram too.
        await ig.DirectMessageAsync(igsid, "great, thanks");
        await ig.WaitAsync(() => true);
        Assert.Equal(before + 1, ig.MessagesTo(igsid).Count);
        var view = await inbox.GetAsync(InstagramAppFixture.Shop, key, default);
        Assert.Equal(HandoffState.Person, view!.Summary.State);
        Assert.Equal(["user", "assistant", "human", "user"], view.Lines.Select(l => l.Role));
    }

    [Fact]
    public async Task The_sandbox_send_api_refuses_what_instagram_refuses_and_lets_messenger_have_its_own_limits()
    {
        var igsid = InstagramAppFixture.NewIgsid();
        ig.Graph.State.InstagramUserWrote(igsid);
        using var graph = new HttpClient { BaseAddress = new Uri(ig.Graph.GraphOrigin + "/v26.0/") };
        var uri = "me/messages?access_token=" + InstagramAppFixture.PageToken;
        async Task<(HttpStatusCode, int?)> SendAsync(string to, object message)
        {
            using var response = await graph.PostAsJsonAsync(uri, new { recipient = new { id = to }, messaging_type = "RESPONSE", message });
            if (response.IsSuccessStatusCode) return (response.StatusCode, null);
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetInt32());
        }

        var tooLong = new string('é', 501); // 1002 bytes, 501 characters
        Assert.Equal((HttpStatusCode.BadRequest, 100), await SendAsync(igsid, new { text = tooLong }));
        Assert.Equal((HttpStatusCode.OK, (int?)null), await SendAsync(igsid, new { text = new string('é', 500) }));
        Assert.Equal((HttpStatusCode.OK, (int?)null), await SendAsync("psid-" + Guid.NewGuid().ToString("N")[..8], new { text = tooLong }));
        var fourteen = Enumerable.Range(1, 14).Select(i => new { content_type = "text", title = $"Option {i}", payload = $"P{i}" }).ToArray();
        Assert.Equal((HttpStatusCode.BadRequest, 100), await SendAsync(igsid, new { text = "Pick one", quick_replies = fourteen }));
        Assert.Equal((HttpStatusCode.BadRequest, 100), await SendAsync(igsid, new
        {
            attachment = new { type = "template", payload = new { template_type = "generic", elements = Enumerable.Range(1, 11).Select(i => new { title = $"Card {i}" }).ToArray() } },
        }));
        Assert.Equal((HttpStatusCode.BadRequest, 100), await SendAsync(igsid, new
        {
            attachment = new { type = "template", payload = new { template_type = "receipt", recipient_name = "Sam" } },
        }));
        Assert.DoesNotContain(ig.Graph.State.Sent(igsid), s => s.Message is { } m && m.TryGetProperty("text", out var t) && t.GetString() == tooLong);
    }

    /// <summary>The automated-assistant line that opens a first reply, which may sit before the model's words.</summary>
    private static IEnumerable<string> OpeningWords() =>
        SalesBot.Assistant.Settings.ShopAssistantSettings.DisclosureLine("Test Boutique").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
