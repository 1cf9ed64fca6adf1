using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Assistant.Settings;
using SalesBot.Data;
using SalesBot.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>What the merchant's settings do to a conversation over the webhook: bot off, the first reply's opening, business hours, pause, codes.</summary>
public sealed class AssistantSettingsTurnTests(MessengerAppFixture app) : IClassFixture<MessengerAppFixture>, IAsyncLifetime
{
    private const string Shop = SalesBot.Tests.Assistant.TestCatalog.Shop;
    private static string NewPsid() => "psid-" + Guid.NewGuid().ToString("N")[..10];

    private AssistantSettingsService Settings => app.Factory.Services.GetRequiredService<AssistantSettingsService>();
    private PageBotSwitches Switches => app.Factory.Services.GetRequiredService<PageBotSwitches>();

    public Task InitializeAsync() => SaveAsync(Input());

    public async Task DisposeAsync() => await Switches.SetAsync(Shop, MessengerAppFixture.PageId, true, default);

    private static AssistantSettingsInput Input(string? greeting = null, bool disclosure = true, string[]? codes = null, int? pause = null,
        IReadOnlyList<DayInput>? days = null, string? outOfHours = null) =>
        new(greeting, codes ?? [], pause, disclosure, days is not null, days is null ? null : "UTC", days ?? [], outOfHours);

    private async Task SaveAsync(AssistantSettingsInput input)
    {
        var result = await Settings.SaveAsync(Shop, input, default);
        Assert.True(result.Saved, string.Join("; ", result.Errors.Values));
    }

    private async Task<IReadOnlyList<string>> SayAsync(string psid, string text, int expectReplies)
    {
        var before = app.Replies(psid).Count;
        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, text)));
        await app.WaitAsync(() => app.Replies(psid).Count >= before + expectReplies);
        return app.Replies(psid).Skip(before).ToList();
    }

    [Fact]
    public async Task With_the_bot_off_on_the_page_messages_are_recorded_and_nothing_is_sent()
    {
        Assert.True(await Switches.SetAsync(Shop, MessengerAppFixture.PageId, false, default));
        var psid = NewPsid();

        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "do you have a blue shirt?")));
        await Task.Delay(300);
        await app.WaitAsync();

        Assert.Empty(app.Sandbox.State.Sent(psid));
        await using (var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
            Assert.Equal("do you have a blue shirt?", (await db.ConversationMessages.SingleAsync(m => m.Psid == psid)).Text);

        // Back on, the same shopper is answered, and greeted as new since no one has answered yet.
        Assert.True(await Switches.SetAsync(Shop, MessengerAppFixture.PageId, true, default));
        var replies = await SayAsync(psid, "blue shirt", 2);
        Assert.StartsWith(MessengerAppFixture.Opening, replies[0]);
    }

    [Fact]
    public async Task A_page_of_another_shop_cannot_be_switched()
    {
        Assert.False(await Switches.SetAsync("other-shop.myshopify.com", MessengerAppFixture.PageId, false, default));
        Assert.False(await Switches.SetAsync(Shop, "page-that-does-not-exist", false, default));
        Assert.True(await Switches.IsBotOnAsync(MessengerAppFixture.PageId, default));
    }

    [Fact]
    public async Task The_greeting_and_the_disclosure_open_the_first_reply_only()
    {
        await SaveAsync(Input(greeting: "Welcome to the boutique!"));
        var psid = NewPsid();

        var first = await SayAsync(psid, "do you have a blue shirt?", 2);
        var second = await SayAsync(psid, "and earrings?", 2);

        Assert.Equal("Welcome to the boutique!\n" + MessengerAppFixture.Opening + "Here is what I found for you:", first[0]);
        Assert.Equal("Here is what I found for you:", second[0]);

        await SaveAsync(Input(disclosure: false));
        Assert.Equal("Here is what I found for you:", (await SayAsync(NewPsid(), "blue shirt", 2))[0]);
    }

    [Fact]
    public async Task Out_of_hours_a_request_for_a_person_says_when_one_is_back_and_the_bot_keeps_answering()
    {
        // Open only on a weekday three days from now: whatever time the test runs, it is out of hours.
        var openDay = DateTimeOffset.UtcNow.AddDays(3).DayOfWeek;
        var days = Enum.GetValues<DayOfWeek>().Select(d => new DayInput(d, d == openDay, "09:00", "17:00")).ToList();
        await SaveAsync(Input(days: days, outOfHours: "We're closed. A person is back {back}."));
        var psid = NewPsid();

        var reply = await SayAsync(psid, "I want to talk to a human", 1);
        Assert.Equal(MessengerAppFixture.Opening + $"We're closed. A person is back {openDay} at 09:00.", reply[0]);

        await using (var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
            Assert.False(await db.ConversationHandoffs.AnyAsync(p => p.Psid == psid && p.State != HandoffState.Bot));
        Assert.StartsWith("cards: Ocean Blue Shirt", (await SayAsync(psid, "blue shirt", 2))[1]);
    }

    [Fact]
    public async Task In_hours_a_handoff_pauses_for_the_shops_pause_length()
    {
        var days = Enum.GetValues<DayOfWeek>().Select(d => new DayInput(d, true, "00:00", "23:59")).ToList();
        await SaveAsync(Input(pause: 45, days: DateTimeOffset.UtcNow.TimeOfDay < new TimeSpan(23, 58, 0) ? days : null));
        var psid = NewPsid();

        // The pause applies where the page's Conversation Routing has no Page Inbox to pass the thread to.
        app.Sandbox.State.PageInboxRouting = false;
        IReadOnlyList<string> reply;
        try { reply = await SayAsync(psid, "I want to talk to a human", 1); }
        finally { app.Sandbox.State.PageInboxRouting = true; }

        Assert.EndsWith("a person will answer you here shortly.", reply[0]);
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        var pause = await db.ConversationHandoffs.SingleAsync(p => p.Psid == psid);
        Assert.Equal(HandoffState.Waiting, pause.State);
        Assert.InRange(pause.Until!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(44), TimeSpan.FromMinutes(45));
    }

    [Fact]
    public async Task Codes_are_shared_only_once_the_merchant_picks_them()
    {
        var unpicked = await SayAsync(NewPsid(), "any discounts?", 1);
        Assert.DoesNotContain("SPRING15", string.Join("\n", unpicked));

        await SaveAsync(Input(codes: ["SPRING15"]));
        var picked = await SayAsync(NewPsid(), "any discounts?", 1);
        Assert.Contains("SPRING15", picked[0]);
    }
}
