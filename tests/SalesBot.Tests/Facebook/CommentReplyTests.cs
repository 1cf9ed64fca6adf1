using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Data;
using SalesBot.Facebook;
using SalesBot.Sandbox.Facebook;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// Comments on the page's post (feed webhooks) and their private replies, sent over HTTP to the sandbox Graph API,
/// which holds each to Meta's rules (one per comment, within 7 days).
/// </summary>
public sealed class CommentReplyTests(MessengerAppFixture app) : IClassFixture<MessengerAppFixture>
{
    private static string NewPsid() => "psid-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_product_question_in_a_comment_gets_exactly_one_private_reply_and_the_answer_continues_as_a_conversation()
    {
        var psid = NewPsid();
        var comment = app.Sandbox.Comments.Add(psid, "How much is the blue shirt?");

        var response = await app.PostWebhookAsync(app.Sandbox.Comments.WebhookBody(comment));
        await app.WaitAsync(() => app.Replies(psid).Count >= 1);
        await ProcessedAsync(comment);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(app.Sandbox.State.Sent(psid));
        Assert.Equal(comment.Id, sent.Body.GetProperty("recipient").GetProperty("comment_id").GetString());
        var text = sent.Message!.Value.GetProperty("text").GetString()!;
        Assert.Contains("Ocean Blue Shirt", text);
        Assert.Contains("50", text);
        await using (var db = await Db().CreateDbContextAsync())
        {
            var claim = await db.CommentReplies.SingleAsync(r => r.CommentId == comment.Id);
            Assert.Equal((SendResult.Sent, psid, comment.FromId), (claim.Outcome, claim.Psid, claim.FromId));
            // The reply is the first line of the person's Messenger conversation (keyed by the PSID Meta answered with).
            Assert.Equal(["assistant"], await db.ConversationMessages.Where(m => m.Psid == psid).Select(m => m.Role).ToListAsync());
        }

        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "do you have earrings too?")));
        await app.WaitAsync(() => app.Replies(psid).Count >= 3);

        var followUp = app.Sandbox.State.Sent(psid).Where(s => s.Message is not null).Skip(1).ToList();
        Assert.All(followUp, s => Assert.Equal(psid, s.Body.GetProperty("recipient").GetProperty("id").GetString()));
        Assert.Contains(app.Replies(psid), r => r.Contains("Galaxy Earrings"));
        // Not a first reply any more: the automated-assistant opening came with the private reply only.
        Assert.DoesNotContain(app.Replies(psid).Skip(1), r => r.StartsWith(MessengerAppFixture.Opening.Trim()));
    }

    [Fact]
    public async Task A_redelivered_comment_webhook_still_gets_one_private_reply()
    {
        var psid = NewPsid();
        var comment = app.Sandbox.Comments.Add(psid, "Is the galaxy earrings still in stock?");
        var body = app.Sandbox.Comments.WebhookBody(comment);

        var posts = await Task.WhenAll(app.PostWebhookAsync(body), app.PostWebhookAsync(body));
        await app.PostWebhookAsync(body);
        await ProcessedAsync(comment);

        Assert.All(posts, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Single(app.Sandbox.State.Sent(psid));
        await using var db = await Db().CreateDbContextAsync();
        Assert.Equal(1, await db.MessengerEvents.CountAsync(e => e.Mid == "comment:" + comment.Id));
    }

    [Fact]
    public async Task A_second_comment_on_the_same_post_by_the_same_person_gets_none()
    {
        var psid = NewPsid();
        var first = app.Sandbox.Comments.Add(psid, "What's the price of the shirt?");
        await app.PostWebhookAsync(app.Sandbox.Comments.WebhookBody(first));
        await app.WaitAsync(() => app.Replies(psid).Count >= 1);

        var second = app.Sandbox.Comments.Add(psid, "And how much are the earrings?");
        await app.PostWebhookAsync(app.Sandbox.Comments.WebhookBody(second));
        await ProcessedAsync(second);

        Assert.Single(app.Sandbox.State.Sent(psid));
        await using var db = await Db().CreateDbContextAsync();
        Assert.False(await db.CommentReplies.AnyAsync(r => r.CommentId == second.Id));
    }

    [Theory]
    [InlineData("Love this photo 😍 @Sam")]
    [InlineData("Great shirt")]
    [InlineData("when do you open?")]
    public async Task A_comment_that_asks_nothing_about_products_is_left_alone(string text)
    {
        var psid = NewPsid();
        var comment = app.Sandbox.Comments.Add(psid, text);

        await app.PostWebhookAsync(app.Sandbox.Comments.WebhookBody(comment));
        await ProcessedAsync(comment);

        Assert.Empty(app.Sandbox.State.Sent(psid));
        await using var db = await Db().CreateDbContextAsync();
        Assert.False(await db.CommentReplies.AnyAsync(r => r.CommentId == comment.Id));
    }

    [Fact]
    public async Task A_comment_older_than_seven_days_gets_no_private_reply()
    {
        var psid = NewPsid();
        var comment = app.Sandbox.Comments.Add(psid, "How much is the blue shirt?", age: TimeSpan.FromDays(8));

        await app.PostWebhookAsync(app.Sandbox.Comments.WebhookBody(comment));
        await ProcessedAsync(comment);

        Assert.Empty(app.Sandbox.State.Sent(psid));
        await using var db = await Db().CreateDbContextAsync();
        Assert.False(await db.CommentReplies.AnyAsync(r => r.CommentId == comment.Id), "the app itself keeps to the window, not only the Graph API");
    }

    [Fact]
    public async Task The_sandbox_graph_api_refuses_a_second_private_reply_an_old_comment_and_an_unknown_one_with_metas_errors()
    {
        using var http = new HttpClient();
        var url = $"{app.Sandbox.GraphOrigin}/{FacebookSandboxExtensions.GraphVersion}/me/messages?access_token=sandbox-page-token";
        Task<HttpResponseMessage> Reply(string commentId, string text = "Hi!") =>
            http.PostAsJsonAsync(url, new { recipient = new { comment_id = commentId }, messaging_type = "RESPONSE", message = new { text } });
        var fresh = app.Sandbox.Comments.Add(NewPsid(), "price?");
        var old = app.Sandbox.Comments.Add(NewPsid(), "price?", TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        var ok = await Reply(fresh.Id);
        var again = await Reply(fresh.Id);
        var late = await Reply(old.Id);
        var unknown = await Reply(fresh.Id + "x");
        var tooLong = await Reply(app.Sandbox.Comments.Add(NewPsid(), "price?").Id, new string('a', 2001));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(fresh.Psid, (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recipient_id").GetString());
        Assert.Equal(10900, await CodeAsync(again));
        Assert.Equal(10903, await CodeAsync(late));
        Assert.Equal(100, await CodeAsync(unknown));
        Assert.Equal(100, await CodeAsync(tooLong));
    }

    private static async Task<int> CodeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetInt32();
    }

    /// <summary>Waits until the app has handled the comment's event (answered or left it alone).</summary>
    private async Task ProcessedAsync(SandboxComment comment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await Db().CreateDbContextAsync();
            if (await db.MessengerEvents.AnyAsync(e => e.Mid == "comment:" + comment.Id && e.ProcessedAt != null))
            {
                await app.WaitAsync();
                return;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The comment was not processed in time.");
    }

    private IDbContextFactory<SalesBotDbContext> Db() => app.Factory.Services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>();
}
