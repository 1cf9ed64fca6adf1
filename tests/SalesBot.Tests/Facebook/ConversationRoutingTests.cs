using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// Handoff through Conversation Routing, end to end over HTTP: the app in sandbox mode on Kestrel, shoppers and the Page Inbox
/// person played through the sandbox chat API, the app's pass/take_thread_control and Send API calls answered by the sandbox Graph API.
/// </summary>
public sealed class ConversationRoutingTests : IAsyncLifetime
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

    private static string? Text(RecordedSend s) => s.Message!.Value.TryGetProperty("text", out var t) ? t.GetString() : null;

    [Fact]
    public async Task Asking_for_a_person_passes_the_thread_to_the_Page_Inbox_and_the_bot_stays_silent_until_it_is_marked_done()
    {
        var psid = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(psid, "I want to talk to a human");

        Assert.Contains("a person will answer", Text(_app.MessagesTo(psid)[^1]));
        Assert.Equal(ThreadControlClient.PageInboxAppId, _app.Sandbox.ThreadOwner(psid));
        var waiting = (await ViewAsync(psid)).Summary;
        Assert.Equal((HandoffState.Waiting, false, null), (waiting.State, waiting.BotAnswers, waiting.QuietUntil));

        // The shopper's messages now come on standby: in the transcript, never answered, however long it takes.
        var sent = _app.Sandbox.Sent(psid).Count;
        _time.Advance(TimeSpan.FromHours(2));
        await _app.ShopperSaysAsync(psid, "hello? anyone there?");
        Assert.Equal(sent, _app.Sandbox.Sent(psid).Count);
        Assert.Equal(("user", "hello? anyone there?"), ((await ViewAsync(psid)).Lines[^1].Role, (await ViewAsync(psid)).Lines[^1].Text));
        Assert.Equal(HandoffState.Waiting, (await ViewAsync(psid)).Summary.State);

        // The person answers in the Page Inbox: a human line, and the bot is still quiet (no pause that runs out).
        using (var reply = await _app.PageInboxAsync("admin-reply", new { psid, text = "Hi, Anna here. How can I help?" }))
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal(("human", "Hi, Anna here. How can I help?"), ((await ViewAsync(psid)).Lines[^1].Role, (await ViewAsync(psid)).Lines[^1].Text));
        _time.Advance(TimeSpan.FromHours(1));
        await _app.ShopperSaysAsync(psid, "blue shirt");
        Assert.Equal(sent, _app.Sandbox.Sent(psid).Count);
        Assert.Equal(HandoffState.Paused, (await ViewAsync(psid)).Summary.State);

        // "Done" in the Page Inbox passes the thread back (messaging_handovers): the bot answers the next message.
        using (var done = await _app.PageInboxAsync("inbox-done", new { psid }))
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(SalesBot.Configuration.FacebookOptions.SandboxAppId, _app.Sandbox.ThreadOwner(psid));
        Assert.Equal(HandoffState.Bot, (await ViewAsync(psid)).Summary.State);
        await _app.ShopperSaysAsync(psid, "blue shirt please");
        Assert.True(_app.Sandbox.Sent(psid).Count > sent, "the bot answers once the thread is back");
        Assert.Contains(_app.MessagesTo(psid), s => s.Message!.Value.ToString().Contains("Ocean Blue Shirt"));

        // Every bot message went as RESPONSE: HUMAN_AGENT is for replies a person typed.
        Assert.All(_app.MessagesTo(psid), s => Assert.Equal(("RESPONSE", (string?)null), (s.MessagingType, s.Tag)));
        // Marking done twice is refused: the Page Inbox no longer controls the thread.
        using var again = await _app.PageInboxAsync("inbox-done", new { psid });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task The_console_takes_the_thread_back_to_reply_or_hand_back_and_HUMAN_AGENT_goes_only_on_a_persons_reply()
    {
        var psid = InboxApp.NewPsid();
        var key = new ConversationKey(InboxApp.PageId, psid);
        await _app.ShopperSaysAsync(psid, "I want to talk to a human");
        Assert.Equal(ThreadControlClient.PageInboxAppId, _app.Sandbox.ThreadOwner(psid));

        // A day later the merchant answers from the console: the thread comes back (take_thread_control), the reply goes tagged.
        _time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(ReplyOutcome.SentWithHumanAgentTag, await InboxAsync(i => i.ReplyAsPersonAsync(InboxApp.Shop, key, "Sorry for the wait!", default)));
        Assert.Equal(SalesBot.Configuration.FacebookOptions.SandboxAppId, _app.Sandbox.ThreadOwner(psid));
        var tagged = _app.MessagesTo(psid)[^1];
        Assert.Equal(("MESSAGE_TAG", "HUMAN_AGENT", "Sorry for the wait!"), (tagged.MessagingType, tagged.Tag, Text(tagged)));
        Assert.Equal(HandoffState.Person, (await ViewAsync(psid)).Summary.State);
        Assert.All(_app.MessagesTo(psid).SkipLast(1), s => Assert.Null(s.Tag));

        // Handed back: the bot answers again.
        Assert.True(await InboxAsync(i => i.HandBackAsync(InboxApp.Shop, key, default)));
        var sent = _app.MessagesTo(psid).Count;
        await _app.ShopperSaysAsync(psid, "blue shirt");
        Assert.True(_app.MessagesTo(psid).Count > sent);
        Assert.All(_app.MessagesTo(psid).Skip(sent), s => Assert.Equal(("RESPONSE", (string?)null), (s.MessagingType, s.Tag)));
    }

    [Fact]
    public async Task Hand_back_from_the_console_takes_the_thread_from_the_Page_Inbox()
    {
        var psid = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(psid, "can I talk to a person");
        Assert.Equal(ThreadControlClient.PageInboxAppId, _app.Sandbox.ThreadOwner(psid));

        Assert.True(await InboxAsync(i => i.HandBackAsync(InboxApp.Shop, new ConversationKey(InboxApp.PageId, psid), default)));
        Assert.Equal(SalesBot.Configuration.FacebookOptions.SandboxAppId, _app.Sandbox.ThreadOwner(psid));
        var sent = _app.MessagesTo(psid).Count;
        await _app.ShopperSaysAsync(psid, "blue shirt");
        Assert.True(_app.MessagesTo(psid).Count > sent, "the shopper's message came on messaging again and was answered");
    }

    [Fact]
    public async Task Out_of_hours_the_shopper_hears_when_the_team_is_back_and_the_thread_stays_with_the_bot()
    {
        // Open only on a weekday three days from the fake clock's now: out of hours whenever the test runs.
        var openDay = _time.GetUtcNow().AddDays(3).DayOfWeek;
        var days = Enum.GetValues<DayOfWeek>().Select(d => new SalesBot.Assistant.Settings.DayInput(d, d == openDay, "09:00", "17:00")).ToList();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var saved = await scope.ServiceProvider.GetRequiredService<SalesBot.Assistant.Settings.AssistantSettingsService>().SaveAsync(InboxApp.Shop,
                new SalesBot.Assistant.Settings.AssistantSettingsInput(null, [], null, true, true, "UTC", days, "We're closed. A person is back {back}."), default);
            Assert.True(saved.Saved, string.Join("; ", saved.Errors.Values));
        }
        var psid = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(psid, "I want to talk to a human");

        Assert.EndsWith($"We're closed. A person is back {openDay} at 09:00.", Text(_app.MessagesTo(psid)[^1]));
        Assert.Equal(SalesBot.Configuration.FacebookOptions.SandboxAppId, _app.Sandbox.ThreadOwner(psid));
        Assert.Equal(HandoffState.Bot, (await ViewAsync(psid)).Summary.State);
    }

    [Fact]
    public async Task The_sandbox_validates_thread_control_like_Graph()
    {
        var psid = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(psid, "hello");
        using var http = new HttpClient { BaseAddress = _app.BaseUri };
        var graph = "/sandbox/facebook/" + FacebookApp.GraphVersion + "/me/";
        var token = "?access_token=" + FacebookApp.SandboxPageToken;

        async Task<(HttpStatusCode, int, int?)> PostAsync(string path, object body, string? accessToken = null)
        {
            using var response = await http.PostAsJsonAsync(graph + path + (accessToken ?? token), body);
            if (response.IsSuccessStatusCode) return (response.StatusCode, 0, null);
            var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
            return (response.StatusCode, error.GetProperty("code").GetInt32(),
                error.TryGetProperty("error_subcode", out var sub) && sub.ValueKind == JsonValueKind.Number ? sub.GetInt32() : null);
        }

        Assert.Equal((HttpStatusCode.BadRequest, 190, (int?)null), await PostAsync("pass_thread_control", new { recipient = new { id = psid }, target_app_id = 263902037430900 }, "?access_token=wrong"));
        Assert.Equal((HttpStatusCode.BadRequest, 100, (int?)null), await PostAsync("pass_thread_control", new { recipient = new { id = psid }, target_app_id = 12345 }));
        Assert.Equal((HttpStatusCode.BadRequest, 100, (int?)null), await PostAsync("pass_thread_control", new { recipient = new { id = psid } }));
        Assert.Equal((HttpStatusCode.BadRequest, 100, (int?)null), await PostAsync("pass_thread_control",
            new { recipient = new { id = psid }, target_app_id = 263902037430900, metadata = new string('x', 1001) }));
        Assert.Equal((HttpStatusCode.OK, 0, (int?)null), await PostAsync("pass_thread_control", new { recipient = new { id = psid }, target_app_id = 263902037430900, metadata = "m" }));
        // Only the owner may pass; the Send API refuses the app while another app controls the thread.
        Assert.Equal((HttpStatusCode.BadRequest, 10, (int?)2018300), await PostAsync("pass_thread_control", new { recipient = new { id = psid }, target_app_id = 263902037430900 }));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var send = scope.ServiceProvider.GetRequiredService<SendApiClient>();
            Assert.Equal(SendResult.NotThreadOwner, await send.SendMessageAsync(FacebookApp.SandboxPageToken, psid, new OutgoingMessage("hi"), default));
            Assert.Equal(SendResult.NotThreadOwner, await send.SendActionAsync(FacebookApp.SandboxPageToken, psid, "typing_on", default));
        }
        Assert.Equal((HttpStatusCode.OK, 0, (int?)null), await PostAsync("take_thread_control", new { recipient = new { id = psid }, metadata = "back" }));
        Assert.Equal(SalesBot.Configuration.FacebookOptions.SandboxAppId, _app.Sandbox.ThreadOwner(psid));
        Assert.Equal((HttpStatusCode.BadRequest, 100, (int?)null), await PostAsync("take_thread_control", new { metadata = "no recipient" }));
    }
}
