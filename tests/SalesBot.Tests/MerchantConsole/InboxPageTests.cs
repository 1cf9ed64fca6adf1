using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Facebook;
using SalesBot.Tests.Facebook;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>The inbox pages over HTTP, signed in as the demo store's merchant, in sandbox mode with the sandbox page.</summary>
public sealed class InboxPageTests : IAsyncLifetime
{
    private InboxApp _app = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _app = await InboxApp.StartAsync();
        _browser = _app.Browser();
        (await SignInFlow.SignInAsync(_browser, "demo-store")).Dispose();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    private static string ConversationPath(string psid) => $"/console/inbox/{InboxApp.PageId}/{psid}";

    /// <summary>Posts one of the conversation page's forms as a browser does (its antiforgery token and handler name).</summary>
    private async Task<HttpResponseMessage> PostFormAsync(string psid, string form, params (string, string)[] fields)
    {
        var page = await _browser.GetStringAsync(ConversationPath(psid));
        return await _browser.PostAsync(ConversationPath(psid), ConsoleHtml.Form(page, [("_handler", form), .. fields]));
    }

    [Fact]
    public async Task A_merchant_takes_over_replies_as_a_person_and_hands_back_to_the_bot()
    {
        var psid = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(psid, "do you have a blue shirt?");

        var list = await _browser.GetStringAsync("/console/inbox");
        Assert.Contains($"data-conversation=\"{InboxApp.PageId}/{psid}\"", list);
        var page = await _browser.GetStringAsync(ConversationPath(psid));
        Assert.Contains("class=\"card-title\">Ocean Blue Shirt<", page);
        Assert.Contains("data-state=\"bot\"", page);

        using (var takeOver = await PostFormAsync(psid, "take-over"))
        {
            Assert.Equal(HttpStatusCode.Redirect, takeOver.StatusCode);
            Assert.Equal(ConversationPath(psid) + "?done=took-over", takeOver.Headers.Location!.PathAndQuery);
        }
        var sent = _app.MessagesTo(psid).Count;
        await _app.ShopperSaysAsync(psid, "is it cotton?");
        Assert.Equal(sent, _app.MessagesTo(psid).Count);
        page = await _browser.GetStringAsync(ConversationPath(psid) + "?done=took-over");
        Assert.Contains("bot stays quiet", ConsoleHtml.TextOf(page, "notice"));
        Assert.Contains("Within 24 h", ConsoleHtml.TextOf(page, "reply-window"));

        using (var reply = await PostFormAsync(psid, "reply", ("ReplyText", "Yes, 100% cotton. — Sam")))
        {
            Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
            Assert.EndsWith("?done=sent", reply.Headers.Location!.OriginalString);
        }
        var delivered = _app.MessagesTo(psid)[^1];
        Assert.Equal(("RESPONSE", "Yes, 100% cotton. — Sam"), (delivered.MessagingType, delivered.Message!.Value.GetProperty("text").GetString()));
        Assert.Contains("class=\"bubble human\">Yes, 100% cotton. — Sam<", WebUtility.HtmlDecode(await _browser.GetStringAsync(ConversationPath(psid))));

        using (var empty = await PostFormAsync(psid, "reply", ("ReplyText", "   ")))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Equal("Write something to send.", ConsoleHtml.TextOf(await empty.Content.ReadAsStringAsync(), "reply-error"));
        }

        using (var handBack = await PostFormAsync(psid, "hand-back"))
            Assert.EndsWith("?done=handed-back", handBack.Headers.Location!.OriginalString);
        sent = _app.MessagesTo(psid).Count;
        await _app.ShopperSaysAsync(psid, "blue shirt");
        Assert.True(_app.MessagesTo(psid).Count > sent, "the bot answers again");
    }

    [Fact]
    public async Task Another_shops_conversation_is_not_found_and_a_post_without_the_antiforgery_token_is_refused()
    {
        // A page selling for another shop, with a conversation on it.
        var pages = _app.Services.GetRequiredService<PageStore>();
        Assert.True(await pages.TrySaveAsync("other-page", "Other Shop", "other-shop.myshopify.com", "other-token", default));
        var theirs = new ConversationKey("other-page", InboxApp.NewPsid());
        await _app.Services.GetRequiredService<ConversationStore>().AppendAsync(theirs, "user", "hello other shop", default);

        Assert.DoesNotContain("other-page", await _browser.GetStringAsync("/console/inbox"));
        using (var get = await _browser.GetAsync($"/console/inbox/other-page/{theirs.Psid}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            var body = await get.Content.ReadAsStringAsync();
            Assert.NotNull(ConsoleHtml.TextOf(body, "not-found"));
            Assert.DoesNotContain("hello other shop", body);
        }

        // Our own conversation gives a valid token; posting it at theirs changes nothing. Blazor answers 400 there: the page
        // stopped at not-found before rendering any form, so no form of that name exists to take the post.
        var ours = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(ours, "hi");
        var page = await _browser.GetStringAsync(ConversationPath(ours));
        using (var post = await _browser.PostAsync($"/console/inbox/other-page/{theirs.Psid}", ConsoleHtml.Form(page, ("_handler", "take-over"))))
            Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, post.StatusCode.ToString());
        Assert.Null(await _app.Services.GetRequiredService<ConversationStore>().HandoffAsync(theirs, default));

        using (var forged = await _browser.PostAsync(ConversationPath(ours), new FormUrlEncodedContent([new("_handler", "take-over")])))
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        // Viewing it marked it read (a row), but nobody took it over.
        Assert.Equal(HandoffState.Bot, (await _app.Services.GetRequiredService<ConversationStore>().HandoffAsync(new ConversationKey(InboxApp.PageId, ours), default))?.State);
    }

    [Fact]
    public async Task The_event_stream_says_when_a_shopper_writes_and_how_many_wait_for_a_person()
    {
        using var anonymous = _app.Browser();
        using (var refused = await anonymous.GetAsync("/console/inbox/events"))
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/console/inbox/events");
        using var response = await _browser.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        var first = await NextAsync(events);
        Assert.Equal(0, first.GetProperty("waiting").GetInt32());

        var psid = InboxApp.NewPsid();
        await _app.ShopperSaysAsync(psid, "I want to talk to a human");
        JsonElement next;
        do next = await NextAsync(events);
        while (next.GetProperty("waiting").GetInt32() == 0);
        Assert.NotEqual(first.GetProperty("version").GetString(), next.GetProperty("version").GetString());
        Assert.Equal(1, next.GetProperty("waiting").GetInt32());
    }

    private static async Task<JsonElement> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        Assert.True(await events.MoveNextAsync(), "the stream ended");
        Assert.Equal("inbox", events.Current.EventType);
        return JsonDocument.Parse(events.Current.Data).RootElement.Clone();
    }
}
