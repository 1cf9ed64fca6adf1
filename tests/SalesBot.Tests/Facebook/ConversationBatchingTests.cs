using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// FACEBOOK_BATCH_WINDOW over real HTTP: shoppers write through the sandbox chat API, the app answers through the sandbox Graph
/// API; the app and the sandbox share a fake clock, so the window closes when the test moves the clock, never by sleeping.
/// </summary>
public sealed class ConversationBatchingTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(1500);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private InboxApp _app = null!;

    public async Task InitializeAsync() => _app = await InboxApp.StartAsync(_time,
        settings: new Dictionary<string, string?> { ["FACEBOOK_BATCH_WINDOW"] = "00:00:01.500" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<ConversationView> ViewAsync(string psid)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConversationInbox>().GetAsync(InboxApp.Shop, new ConversationKey(InboxApp.PageId, psid), default)
            ?? throw new InvalidOperationException("The conversation is not in the inbox.");
    }

    /// <summary>Sender actions and messages in the order the app sent them: "mark_seen", "typing_on", "message".</summary>
    private IReadOnlyList<string> Calls(string psid) => _app.Sandbox.Sent(psid).Select(s => s.SenderAction ?? "message").ToList();

    /// <summary>Waits (on the real clock) until the worker has recorded the events, with the batch window still open.</summary>
    private async Task UntilRecordedAsync(string psid, int lines)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_app.Dispatcher.IsIdle || await CountEventsAsync(psid) < lines)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The events were not recorded.");
            await Task.Delay(20);
        }
    }

    private async Task<int> CountEventsAsync(string psid)
    {
        var factory = _app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SalesBot.Data.SalesBotDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return db.MessengerEvents.Count(e => e.Psid == psid);
    }

    [Fact]
    public async Task Three_messages_within_the_window_get_exactly_one_turn_that_answers_all_three()
    {
        var psid = InboxApp.NewPsid();
        await _app.ShopperSendsAsync(psid, "hello");
        await _app.ShopperSendsAsync(psid, "do you have a shirt");
        await _app.ShopperSendsAsync(psid, "in blue?");
        await UntilRecordedAsync(psid, 3);
        await Task.Delay(200);
        Assert.Empty(_app.Sandbox.Sent(psid));

        _time.Advance(Window);
        await _app.IdleAsync();

        // One turn: mark_seen, typing_on, then the reply (no typing_off: sending the reply ends the indicator).
        var calls = Calls(psid);
        Assert.Equal(["mark_seen", "typing_on"], calls.Take(2));
        Assert.All(calls.Skip(2), c => Assert.Equal("message", c));
        Assert.DoesNotContain("typing_off", calls);
        var lines = (await ViewAsync(psid)).Lines;
        Assert.Equal(["user", "user", "user", "assistant"], lines.Select(l => l.Role));
        Assert.Equal(["hello", "do you have a shirt", "in blue?"], lines.Take(3).Select(l => l.Text));
        // The answer reads the three together: a blue shirt ("in blue?" alone names no product; "hello" alone is a greeting).
        Assert.Equal("Ocean Blue Shirt", Assert.Single(lines, l => l.Cards.Count > 0).Cards[0].Title);
    }

    [Fact]
    public async Task A_message_after_the_window_is_its_own_turn_and_a_quick_reply_is_never_merged()
    {
        var psid = InboxApp.NewPsid();
        await _app.ShopperSendsAsync(psid, "blue shirt");
        await UntilRecordedAsync(psid, 1);
        _time.Advance(Window);
        await _app.IdleAsync();
        Assert.Equal(1, Calls(psid).Count(c => c == "mark_seen"));

        _time.Advance(TimeSpan.FromSeconds(5));
        await _app.ShopperSendsAsync(psid, "earrings");
        await UntilRecordedAsync(psid, 2);
        _time.Advance(Window);
        await _app.IdleAsync();
        Assert.Equal(2, Calls(psid).Count(c => c == "mark_seen"));

        // Text then a button press inside the window: the text waits for the window, the press is a turn of its own.
        await _app.ShopperSendsAsync(psid, "chairs");
        await _app.ShopperSendsAsync(psid, "Show products", quickReply: SalesBot.Assistant.ShopperMessage.PayloadBrowse);
        await UntilRecordedAsync(psid, 4);
        _time.Advance(Window);
        await _app.IdleAsync();
        Assert.Equal(4, Calls(psid).Count(c => c == "mark_seen"));
        Assert.Equal(["user", "assistant", "user", "assistant", "user", "assistant", "user", "assistant"], (await ViewAsync(psid)).Lines.Select(l => l.Role));
    }

    [Fact]
    public async Task A_shopper_whose_turn_waits_delays_no_other_shopper()
    {
        var slow = InboxApp.NewPsid();
        var quick = InboxApp.NewPsid();
        await _app.ShopperSendsAsync(slow, "blue shirt");
        await UntilRecordedAsync(slow, 1);

        // The clock does not move: the first shopper's turn is still waiting while the second's button press is answered.
        await _app.ShopperSendsAsync(quick, "Show products", quickReply: SalesBot.Assistant.ShopperMessage.PayloadBrowse);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!_app.MessagesTo(quick).Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "the other shopper's turn was held up");
            await Task.Delay(20);
        }
        Assert.Empty(_app.Sandbox.Sent(slow));

        _time.Advance(Window);
        await _app.IdleAsync();
        Assert.NotEmpty(_app.MessagesTo(slow));
    }

    [Fact]
    public async Task A_restart_inside_the_window_loses_nothing()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var dataDir = Path.Combine(Path.GetTempPath(), "salesbot-batch-" + Guid.NewGuid().ToString("N"));
        var batching = new Dictionary<string, string?> { ["FACEBOOK_BATCH_WINDOW"] = "00:00:01.500" };
        var psid = InboxApp.NewPsid();
        try
        {
            await using (var first = await InboxApp.StartAsync(time, dataDir, settings: batching))
            {
                await first.ShopperSendsAsync(psid, "blue");
                await first.ShopperSendsAsync(psid, "shirt");
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (first.Dispatcher.IsIdle) { Assert.True(DateTime.UtcNow < deadline); await Task.Delay(20); }
                Assert.Empty(first.Sandbox.Sent(psid));
            }

            // The events are in the database: the next start answers both in one turn once the window has closed.
            await using var second = await InboxApp.StartAsync(time, dataDir, settings: batching);
            time.Advance(Window);
            await second.IdleAsync();
            await using var scope = second.Services.CreateAsyncScope();
            var view = await scope.ServiceProvider.GetRequiredService<ConversationInbox>().GetAsync(InboxApp.Shop, new ConversationKey(InboxApp.PageId, psid), default);
            Assert.Equal(["user", "user", "assistant"], view!.Lines.Select(l => l.Role));
            Assert.Equal("Ocean Blue Shirt", Assert.Single(view.Lines, l => l.Cards.Count > 0).Cards[0].Title);
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
