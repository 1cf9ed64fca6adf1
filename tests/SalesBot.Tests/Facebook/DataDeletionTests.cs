using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Signing;

namespace SalesBot.Tests.Facebook;

/// <summary>Meta's data deletion callback over HTTP: signature, erasure of one shopper's conversations, status URL.</summary>
public sealed class DataDeletionTests(MessengerAppFixture app) : IClassFixture<MessengerAppFixture>
{
    private static string NewPsid() => "psid-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task A_signed_request_erases_that_shoppers_conversations_and_the_status_url_says_what_went()
    {
        var (gone, kept) = (NewPsid(), NewPsid());
        await app.PostWebhookAsync(MessengerAppFixture.Body(
            MessengerAppFixture.Message(gone, "blue shirt"), MessengerAppFixture.Message(kept, "earrings")));
        await app.WaitAsync(() => app.Replies(gone).Count >= 2 && app.Replies(kept).Count >= 2);
        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Echo(gone, "a person answers", "263902037430900")));
        await SalesBot.Tests.Webhooks.LiveShop.WaitUntilAsync(async () => (await Counts(gone)).Pauses == 1, "the handoff pause");
        await app.WaitAsync();   // the echo's turn records the pause, then the human line: count after both
        var before = await Counts(gone);
        var keptBefore = await Counts(kept);
        Assert.True(before is { Messages: > 0, Events: 2, Pauses: 1 }, before.ToString());
        Assert.Equal((1, 1), (await MemoryRows(gone), await MemoryRows(kept)));   // the cards each was shown

        using var response = await PostAsync(Signed(new { algorithm = "HMAC-SHA256", issued_at = 1_700_000_000, user_id = gone }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var url = new Uri(answer.RootElement.GetProperty("url").GetString()!);
        var code = answer.RootElement.GetProperty("confirmation_code").GetString()!;
        Assert.Matches("^[a-z0-9]{32}$", code);
        Assert.EndsWith("/facebook/data-deletion/" + code, url.AbsolutePath);
        Assert.Equal((0, 0, 0), await Counts(gone));
        Assert.Equal(keptBefore, await Counts(kept));
        Assert.Equal((0, 1), (await MemoryRows(gone), await MemoryRows(kept)));

        using var status = await app.Client.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        using var body = JsonDocument.Parse(await status.Content.ReadAsStringAsync());
        Assert.Equal("completed", body.RootElement.GetProperty("status").GetString());
        var deleted = body.RootElement.GetProperty("deleted");
        Assert.Equal(before, (deleted.GetProperty("messages").GetInt32(), deleted.GetProperty("events").GetInt32(), deleted.GetProperty("pauses").GetInt32()));
        Assert.Contains("deleted", body.RootElement.GetProperty("message").GetString());
        Assert.DoesNotContain(gone, body.RootElement.GetRawText());   // the receipt keeps counts, not the id
    }

    [Fact]
    public async Task Forged_or_malformed_requests_are_refused_with_json_and_delete_nothing()
    {
        var psid = NewPsid();
        await app.PostWebhookAsync(MessengerAppFixture.Body(MessengerAppFixture.Message(psid, "bracelet")));
        await app.WaitAsync(() => app.Replies(psid).Count >= 2);
        var before = await Counts(psid);
        var payload = new { algorithm = "HMAC-SHA256", user_id = psid };

        var forged = new MetaSignedRequest("not-the-app-secret").Sign(JsonSerializer.SerializeToUtf8Bytes(payload));
        await AssertRefusedAsync(await PostAsync(forged), HttpStatusCode.Unauthorized, "signature");
        var tampered = Signed(payload).Split('.')[0] + "." + Signed(new { algorithm = "HMAC-SHA256", user_id = "someone-else" }).Split('.')[1];
        await AssertRefusedAsync(await PostAsync(tampered), HttpStatusCode.Unauthorized, "signature");
        await AssertRefusedAsync(await PostAsync(Signed(new { algorithm = "HMAC-SHA1", user_id = psid })), HttpStatusCode.BadRequest, "algorithm");
        await AssertRefusedAsync(await PostAsync(Signed(new { algorithm = "HMAC-SHA256" })), HttpStatusCode.BadRequest, "user_id");
        await AssertRefusedAsync(await PostAsync(null), HttpStatusCode.BadRequest, "signed_request");
        await AssertRefusedAsync(await app.Client.PostAsync("/facebook/data-deletion", new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, "signed_request");
        await AssertRefusedAsync(await app.Client.GetAsync("/facebook/data-deletion/" + new string('0', 32)), HttpStatusCode.NotFound, "confirmation code");

        Assert.Equal(before, await Counts(psid));
    }

    private static string Signed(object payload) =>
        new MetaSignedRequest(FacebookOptions.SandboxAppSecret).Sign(JsonSerializer.SerializeToUtf8Bytes(payload));

    private Task<HttpResponseMessage> PostAsync(string? signedRequest) =>
        app.Client.PostAsync("/facebook/data-deletion", new FormUrlEncodedContent(
            signedRequest is null ? [] : [new KeyValuePair<string, string>("signed_request", signedRequest)]));

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string names)
    {
        using (response)
        {
            Assert.Equal(status, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(names, json.RootElement.GetProperty("error").GetString());
        }
    }

    /// <summary>The assistant's memory of the shopper's conversation on the page (products shown, cart).</summary>
    private async Task<int> MemoryRows(string psid)
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<SalesBot.Data.SalesBotDbContext>>().CreateDbContextAsync();
        var key = new SalesBot.Facebook.ConversationKey(MessengerAppFixture.PageId, psid).MemoryKey;
        return await db.ConversationMemories.CountAsync(m => m.Key == key);
    }

    private async Task<(int Messages, int Events, int Pauses)> Counts(string psid)
    {
        await using var db = await app.Factory.Services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        return (await db.ConversationMessages.CountAsync(m => m.Psid == psid),
            await db.MessengerEvents.CountAsync(e => e.Psid == psid),
            await db.ConversationHandoffs.CountAsync(p => p.Psid == psid));
    }
}
