using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Configuration;
using SalesBot.Data;

namespace SalesBot.Tests.Facebook;

/// <summary>The webhook over HTTP: handshake, signature, dedupe, ordering and handoff, with replies read back from the sandbox Send API.</summary>
public sealed class MessengerWebhookTests(MessengerAppFixture app) : IClassFixture<MessengerAppFixture>
{
    private static string NewPsid() => "psid-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Verify_handshake_returns_the_challenge_only_for_the_right_token()
    {
        var ok = await app.Client.GetAsync($"/facebook/webhook?hub.mode=subscribe&hub.verify_token={FacebookOptions.SandboxVerifyToken}&hub.challenge=12345");
        var wrong = await app.Client.GetAsync("/facebook/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("12345", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
    }

    [Fact]
    public async Task Bad_signature_is_refused_and_nothing_is_processed()
    {
        var psid = NewPsid();
        var body = MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "blue shirt"));

        var forged = await app.PostWebhookAsync(body, "sha256=" + new string('0', 64));
        var missing = await app.PostWebhookAsync(body, "");

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Contains("signature", await forged.Content.ReadAsStringAsync());
        await using var db = await Db().CreateDbContextAsync();
        Assert.False(await db.MessengerEvents.AnyAsync(e => e.Psid == psid));
        Assert.Empty(app.Sandbox.State.Sent(psid));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_anything_is_read_into_the_database()
    {
        var psid = NewPsid();
        var padding = new string(' ', 2 * 1024 * 1024);
        byte[] body = [.. MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "blue shirt")), .. System.Text.Encoding.UTF8.GetBytes(padding)];

        var response = await app.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than", await response.Content.ReadAsStringAsync());
        await using var db = await Db().CreateDbContextAsync();
        Assert.False(await db.MessengerEvents.AnyAsync(e => e.Psid == psid));
    }

    [Fact]
    public async Task A_message_gets_seen_typing_text_and_product_cards()
    {
        var psid = NewPsid();

        var response = await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "do you have a blue shirt?")));
        await app.WaitAsync(() => app.Replies(psid).Count >= 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = app.Sandbox.State.Sent(psid);
        Assert.Equal("mark_seen", sent[0].SenderAction);
        Assert.Equal("typing_on", sent[1].SenderAction);
        Assert.Equal("RESPONSE", sent[2].Body.GetProperty("messaging_type").GetString());
        var replies = app.Replies(psid);
        Assert.StartsWith("cards: Ocean Blue Shirt", replies[1]);
    }

    [Fact]
    public async Task A_duplicate_mid_is_recorded_and_answered_once()
    {
        var psid = NewPsid();
        var body = MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "earrings", mid: "m_dup_" + psid));

        await app.PostWebhookAsync(body);
        var again = await app.PostWebhookAsync(body);
        await app.WaitAsync(() => app.Replies(psid).Count >= 2);
        await Task.Delay(200);
        await app.WaitAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await using var db = await Db().CreateDbContextAsync();
        Assert.Equal(1, await db.MessengerEvents.CountAsync(e => e.Psid == psid));
        Assert.Equal(2, app.Replies(psid).Count);
    }

    [Fact]
    public async Task Events_of_one_conversation_are_handled_in_order_one_at_a_time()
    {
        var psid = NewPsid();
        var other = NewPsid();
        var t = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await app.PostWebhookAsync(MessengerAppFixture.Body(
            MessengerAppFixture.Message(psid, "blue shirt", timestamp: t),
            MessengerAppFixture.Message(other, "earrings", timestamp: t),
            MessengerAppFixture.Message(psid, "earrings", timestamp: t + 1)));
        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "bracelet", timestamp: t + 2)));
        await app.WaitAsync(() => app.Replies(psid).Count >= 6 && app.Replies(other).Count >= 2);

        var actions = app.Sandbox.State.Sent(psid).Select(s => s.SenderAction ?? "message").ToList();
        Assert.Equal(Enumerable.Repeat(new[] { "mark_seen", "typing_on", "message", "message" }, 3).SelectMany(x => x), actions);
        var cards = app.Replies(psid).Where(r => r.StartsWith("cards:", StringComparison.Ordinal)).ToList();
        Assert.StartsWith("cards: Ocean Blue Shirt", cards[0]);
        Assert.StartsWith("cards: Galaxy Earrings", cards[1]);
        Assert.StartsWith("cards: 7 Shakra Bracelet", cards[2]);
    }

    [Fact]
    public async Task Asking_for_a_person_passes_the_thread_to_the_Page_Inbox_and_quiets_the_bot_for_that_conversation()
    {
        var psid = NewPsid();

        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "I want to talk to a human")));
        await app.WaitAsync(() => app.Replies(psid).Count >= 1);
        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "blue shirt")));
        await Task.Delay(300);
        await app.WaitAsync();

        Assert.Equal([MessengerAppFixture.Opening + "I've let the team know — a person will answer you here shortly."], app.Replies(psid));
        await using var db = await Db().CreateDbContextAsync();
        var handoff = await db.ConversationHandoffs.SingleAsync(p => p.Psid == psid);
        Assert.Equal((SalesBot.Facebook.HandoffState.Waiting, true, null), (handoff.State, handoff.ThreadWithAnotherApp, handoff.Until));
        Assert.Equal("263902037430900", app.Sandbox.State.ThreadOwner(psid));
    }

    [Fact]
    public async Task A_page_admin_replying_by_hand_pauses_the_bot_but_its_own_echoes_do_not()
    {
        var admin = NewPsid();
        var own = NewPsid();

        await app.PostWebhookAsync(MessengerAppFixture.Body(
            MessengerAppFixture.Echo(admin, "Hi, Anna from the shop here!", "263902037430900"),
            MessengerAppFixture.Echo(own, "bot text", FacebookOptions.SandboxAppId)));
        await app.WaitAsync();
        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(admin, "blue shirt"), MessengerAppFixture.Message(own, "blue shirt")));
        await app.WaitAsync(() => app.Replies(own).Count >= 2);
        await Task.Delay(200);
        await app.WaitAsync();

        Assert.Empty(app.Replies(admin));
        Assert.Equal(2, app.Replies(own).Count);
    }

    [Fact]
    public void Without_a_catalog_the_sandbox_tells_whoever_is_chatting_to_install_the_store_first()
    {
        using var scope = app.Factory.Services.CreateScope();
        var turn = scope.ServiceProvider.GetRequiredService<SalesBot.Facebook.ConversationTurn>();

        var reply = turn.NoCatalogReply("not-installed.myshopify.com");

        Assert.StartsWith("(Sandbox) not-installed.myshopify.com has no catalog yet", reply);
        Assert.Contains("/shopify/not-installed.myshopify.com/login", reply);
    }

    private IDbContextFactory<SalesBotDbContext> Db() => app.Factory.Services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>();
}
