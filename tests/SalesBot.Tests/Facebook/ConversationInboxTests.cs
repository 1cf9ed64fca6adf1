using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Configuration;
using SalesBot.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// The inbox service without HTTP in front of it, against the app's sandbox Graph API over HTTP: state transitions,
/// scoping to the shop, and Meta's 24-hour and 7-day windows on a fake clock shared by the app and the sandbox.
/// </summary>
public sealed class ConversationInboxTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private InboxApp _app = null!;

    public async Task InitializeAsync() => _app = await InboxApp.StartAsync(_time);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<T> InboxAsync<T>(Func<ConversationInbox, Task<T>> use)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<ConversationInbox>());
    }

    private async Task<ConversationView> ViewAsync(string psid) =>
        await InboxAsync(i => i.GetAsync(InboxApp.Shop, new ConversationKey(InboxApp.PageId, psid), default))
        ?? throw new InvalidOperationException("The conversation is not in the inbox.");

    [Fact]
    public async Task Take_over_quiets_the_bot_a_reply_is_a_person_line_and_hand_back_lets_the_bot_answer_again()
    {
        var psid = InboxApp.NewPsid();
        var key = new ConversationKey(InboxApp.PageId, psid);
        await _app.ShopperSaysAsync(psid, "do you have a blue shirt?");
        Assert.NotEmpty(_app.MessagesTo(psid));

        var listed = Assert.Single(await InboxAsync(i => i.ListAsync(InboxApp.Shop, default)), c => c.Psid == psid);
        Assert.Equal((HandoffState.Bot, true, "assistant"), (listed.State, listed.Unread, listed.LastRole));
        var cards = Assert.Single((await ViewAsync(psid)).Lines, l => l.Cards.Count > 0);
        Assert.Equal("Ocean Blue Shirt", cards.Cards[0].Title);
        Assert.Equal("https://boutique.example/cart/100:1", cards.Cards[0].BuyUrl);
        Assert.DoesNotContain("[cards:", cards.Text);
        // Opening the transcript read it.
        Assert.False(Assert.Single(await InboxAsync(i => i.ListAsync(InboxApp.Shop, default)), c => c.Psid == psid).Unread);

        Assert.True(await InboxAsync(i => i.TakeOverAsync(InboxApp.Shop, key, default)));
        var sentBefore = _app.MessagesTo(psid).Count;
        await _app.ShopperSaysAsync(psid, "and in red?");
        Assert.Equal(sentBefore, _app.MessagesTo(psid).Count);
        Assert.Equal(HandoffState.Person, (await ViewAsync(psid)).Summary.State);

        Assert.Equal(ReplyOutcome.Sent, await InboxAsync(i => i.ReplyAsPersonAsync(InboxApp.Shop, key, "  Hi, Sam here — red comes next week.  ", default)));
        var reply = _app.MessagesTo(psid)[^1];
        Assert.Equal("RESPONSE", reply.MessagingType);
        Assert.Null(reply.Tag);
        Assert.Equal("Hi, Sam here — red comes next week.", reply.Message!.Value.GetProperty("text").GetString());
        var last = (await ViewAsync(psid)).Lines[^1];
        Assert.Equal(("human", "Hi, Sam here — red comes next week."), (last.Role, last.Text));

        // Meta echoes our own console reply with our app id: that is not a page admin stepping in.
        await _app.PostEchoAsync(psid, "Hi, Sam here — red comes next week.", FacebookOptions.SandboxAppId);
        Assert.Equal(HandoffState.Person, (await ViewAsync(psid)).Summary.State);

        Assert.True(await InboxAsync(i => i.HandBackAsync(InboxApp.Shop, key, default)));
        sentBefore = _app.MessagesTo(psid).Count;
        await _app.ShopperSaysAsync(psid, "blue shirt then");
        Assert.True(_app.MessagesTo(psid).Count > sentBefore, "the bot answers again after the hand back");
        Assert.Equal(HandoffState.Bot, (await ViewAsync(psid)).Summary.State);
    }

    [Fact]
    public async Task A_shopper_asking_for_a_person_waits_until_a_person_replies_and_a_page_admin_pauses_the_bot()
    {
        // A page whose Conversation Routing has no Page Inbox refuses the pass: the bot falls back to the handoff pause.
        _app.Sandbox.PageInboxRouting = false;
        var asking = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(asking, "I want to talk to a human");
        var waiting = (await ViewAsync(asking)).Summary;
        Assert.Equal(HandoffState.Waiting, waiting.State);
        Assert.InRange(waiting.QuietUntil!.Value, _time.GetUtcNow().AddMinutes(29.9), _time.GetUtcNow().AddMinutes(30.1));
        Assert.True((await InboxAsync(i => i.ChangeAsync(InboxApp.Shop, default))).Waiting >= 1);

        var before = await InboxAsync(i => i.ChangeAsync(InboxApp.Shop, default));
        Assert.Equal(ReplyOutcome.Sent, await InboxAsync(i => i.ReplyAsPersonAsync(InboxApp.Shop, new(InboxApp.PageId, asking), "Hello, how can I help?", default)));
        Assert.Equal(HandoffState.Person, (await ViewAsync(asking)).Summary.State);
        Assert.NotEqual(before.Version, (await InboxAsync(i => i.ChangeAsync(InboxApp.Shop, default))).Version);

        // An echo from Meta's Page inbox (another app) pauses the bot for the handoff pause, after which it answers by itself.
        var admin = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(admin, "blue shirt");
        await _app.PostEchoAsync(admin, "Anna from the shop here", "263902037430900");
        Assert.Equal(HandoffState.Paused, (await ViewAsync(admin)).Summary.State);
        var sent = _app.MessagesTo(admin).Count;
        await _app.ShopperSaysAsync(admin, "blue shirt please");
        Assert.Equal(sent, _app.MessagesTo(admin).Count);
        _time.Advance(TimeSpan.FromMinutes(31));
        Assert.Equal(HandoffState.Bot, (await ViewAsync(admin)).Summary.State);
        await _app.ShopperSaysAsync(admin, "blue shirt please");
        Assert.True(_app.MessagesTo(admin).Count > sent, "the bot resumes by itself after the pause");
    }

    [Fact]
    public async Task Replies_go_as_RESPONSE_within_24_hours_with_HUMAN_AGENT_up_to_7_days_and_not_at_all_after()
    {
        var psid = InboxApp.NewPsid();
        var key = new ConversationKey(InboxApp.PageId, psid);
        await _app.ShopperSaysAsync(psid, "I want to talk to a human");

        _time.Advance(TimeSpan.FromHours(23));
        Assert.Equal(MessagingWindow.Standard, (await ViewAsync(psid)).Window);
        Assert.Equal(ReplyOutcome.Sent, await InboxAsync(i => i.ReplyAsPersonAsync(InboxApp.Shop, key, "Still there?", default)));
        Assert.Equal("RESPONSE", _app.MessagesTo(psid)[^1].MessagingType);

        _time.Advance(TimeSpan.FromHours(2));
        Assert.Equal(MessagingWindow.HumanAgent, (await ViewAsync(psid)).Window);
        Assert.Equal(ReplyOutcome.SentWithHumanAgentTag, await InboxAsync(i => i.ReplyAsPersonAsync(InboxApp.Shop, key, "Your order shipped.", default)));
        var tagged = _app.MessagesTo(psid)[^1];
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT"), (tagged.MessagingType, tagged.Tag));

        _time.Advance(TimeSpan.FromDays(6));
        var sent = _app.Sandbox.Sent(psid).Count;
        Assert.Equal(MessagingWindow.Closed, (await ViewAsync(psid)).Window);
        Assert.Equal(ReplyOutcome.WindowClosed, await InboxAsync(i => i.ReplyAsPersonAsync(InboxApp.Shop, key, "Hello again", default)));
        Assert.Equal(sent, _app.Sandbox.Sent(psid).Count);
        Assert.Equal("human", (await ViewAsync(psid)).Lines[^1].Role);
        Assert.Equal("Your order shipped.", (await ViewAsync(psid)).Lines[^1].Text);
    }

    [Fact]
    public async Task The_sandbox_refuses_RESPONSE_after_24_hours_and_HUMAN_AGENT_after_7_days_like_Meta()
    {
        var psid = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(psid, "hello");
        var page = FacebookApp.SandboxPageToken;

        _time.Advance(TimeSpan.FromHours(25));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var send = scope.ServiceProvider.GetRequiredService<SendApiClient>();
            var sent = _app.Sandbox.Sent(psid).Count;
            Assert.Equal(SendResult.OutsideWindow, await send.SendAsPersonAsync(page, psid, "late", MessagingWindow.Standard, default));
            Assert.Equal(SendResult.OutsideWindow, await send.SendMessageAsync(page, psid, new OutgoingMessage("late bot"), default));
            Assert.Equal(sent, _app.Sandbox.Sent(psid).Count);
            Assert.Equal(SendResult.Sent, await send.SendAsPersonAsync(page, psid, "tagged", MessagingWindow.HumanAgent, default));

            _time.Advance(TimeSpan.FromDays(6));
            Assert.Equal(SendResult.OutsideWindow, await send.SendAsPersonAsync(page, psid, "too late", MessagingWindow.HumanAgent, default));
        }
    }

    [Fact]
    public async Task Another_shops_merchant_finds_none_of_the_conversations_and_changes_nothing()
    {
        var psid = InboxApp.NewPsid();
        var key = new ConversationKey(InboxApp.PageId, psid);
        await _app.ShopperSaysAsync(psid, "I want to talk to a human");
        const string other = "other-shop.myshopify.com";
        var sent = _app.Sandbox.Sent(psid).Count;

        Assert.Empty(await InboxAsync(i => i.ListAsync(other, default)));
        Assert.Null(await InboxAsync(i => i.GetAsync(other, key, default)));
        Assert.False(await InboxAsync(i => i.TakeOverAsync(other, key, default)));
        Assert.False(await InboxAsync(i => i.HandBackAsync(other, key, default)));
        Assert.Equal(ReplyOutcome.NotFound, await InboxAsync(i => i.ReplyAsPersonAsync(other, key, "hi", default)));
        Assert.Equal(0, (await InboxAsync(i => i.ChangeAsync(other, default))).Waiting);

        Assert.Equal(sent, _app.Sandbox.Sent(psid).Count);
        Assert.Equal(HandoffState.Waiting, (await ViewAsync(psid)).Summary.State);
        // A conversation that does not exist is not found either, on the shop's own page.
        Assert.Null(await InboxAsync(i => i.GetAsync(InboxApp.Shop, new ConversationKey(InboxApp.PageId, "psid-nobody"), default)));
    }
}
