using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SalesBot.Signing;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// What the chat page talks to: it turns what the visitor types into signed Messenger webhook events
/// for the app (as Meta would), and lists what the app sent back through the Send API. With <c>channel: "instagram"</c> the
/// visitor is an Instagram user (an IGSID) writing to the page's Instagram professional account: the webhook is
/// <c>object: "instagram"</c> with that account's id as <c>entry[].id</c> and recipient, signed like the others.
/// </summary>
internal static class FacebookSandboxChatApi
{
    /// <summary>The app id Meta puts on echoes of messages a person typed in the page inbox.</summary>
    public const string PageInboxAppId = "263902037430900";

    /// <summary>Longest PSID, text and payload the chat page may send (Meta caps a quick reply's payload at 1000 characters).</summary>
    public const int MaxPsid = 64, MaxText = 2000, MaxPayload = 1000;

    public static void Map(RouteGroupBuilder chat)
    {
        chat.MapPost("/send", Send);
        chat.MapPost("/admin-reply", AdminReply);
        chat.MapGet("/messages", Messages);
        chat.MapPost("/fail", Fail);
        chat.MapGet("/profile", (MessengerProfiles profiles, IOptions<FacebookSandboxOptions> options) =>
            TypedResults.Ok(FacebookSandboxChatProfile.For(profiles, options)));
        chat.MapPost("/inbox-done", InboxDone);
        chat.MapGet("/thread", Thread);
        chat.MapPost("/comment", Comment);
        chat.MapGet("/instagram", (IOptions<FacebookSandboxOptions> options) => options.Value.InstagramAccountId is { Length: > 0 } id
            ? Results.Ok(new InstagramAccountInfo(id, options.Value.InstagramUsername))
            : Results.Json(new ChatError("the sandbox page has no Instagram professional account linked"), statusCode: StatusCodes.Status404NotFound));
    }

    public sealed record InstagramAccountInfo(string Id, string Username);

    public sealed record ThreadRequest(string? Psid);

    public sealed record ThreadOwner(string Psid, string OwnerAppId, bool PageInbox);

    private static Results<Ok<ThreadOwner>, JsonHttpResult<ChatError>> Thread([FromQuery] string? psid, FacebookSandboxState sandbox) =>
        Problem(psid, null) is { } problem ? Bad(problem) : TypedResults.Ok(OwnerOf(psid!, sandbox));

    private static ThreadOwner OwnerOf(string psid, FacebookSandboxState sandbox) =>
        new(psid, sandbox.ThreadOwner(psid), sandbox.ThreadOwner(psid) == PageInboxAppId);

    /// <summary>
    /// The Page Inbox person clicks "Done": the Page Inbox passes the thread back to the primary app (the bot's), which gets the
    /// <c>messaging_handovers</c> webhook with <c>pass_thread_control</c> {new_owner_app_id, previous_owner_app_id, metadata}.
    /// </summary>
    private static async Task<Results<Ok<WebhookResult>, JsonHttpResult<ChatError>>> InboxDone(HttpRequest http,
        IOptions<FacebookSandboxOptions> options, IHttpClientFactory clients, FacebookSandboxState sandbox)
    {
        var (request, invalid) = await ReadAsync<ThreadRequest>(http);
        if (invalid is not null) return invalid;
        if (Problem(request.Psid, null) is { } problem) return Bad(problem);
        var o = options.Value;
        if (o.WebhookUrl is null) return NoWebhook();
        var psid = request.Psid!;
        if (sandbox.ThreadOwner(psid) != PageInboxAppId)
            return TypedResults.Json(new ChatError("the Page Inbox does not control this thread, so there is nothing to mark as done"),
                statusCode: StatusCodes.Status409Conflict);
        sandbox.SetThreadOwner(psid, o.AppId);
        var now = sandbox.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var messaging = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = psid },
            ["recipient"] = new JsonObject { ["id"] = o.PageId },
            ["timestamp"] = now,
            ["pass_thread_control"] = new JsonObject
            {
                ["new_owner_app_id"] = o.AppId, ["previous_owner_app_id"] = PageInboxAppId, ["metadata"] = "Marked as done in the Page Inbox",
            },
        };
        return TypedResults.Ok(await PostAsync(o.WebhookUrl, o, clients, messaging, now));
    }

    /// <summary>A comment on the page's sample post; <see cref="AgeDays"/> back-dates it (Meta's 7-day private-reply window).</summary>
    public sealed record CommentRequest(string? Psid, string? Text, int AgeDays = 0);

    public sealed record CommentResult(int Status, string CommentId, string PostId);

    private static async Task<Results<Ok<CommentResult>, JsonHttpResult<ChatError>>> Comment(HttpRequest http,
        IOptions<FacebookSandboxOptions> options, IHttpClientFactory clients, FacebookSandboxComments comments)
    {
        var (request, invalid) = await ReadAsync<CommentRequest>(http);
        if (invalid is not null) return invalid;
        if (Problem(request.Psid, request.Text) is { } problem) return Bad(problem);
        if (string.IsNullOrWhiteSpace(request.Text)) return Bad("text is required");
        if (request.AgeDays is < 0 or > 365) return Bad("ageDays is 0 to 365");
        var o = options.Value;
        if (o.WebhookUrl is null) return NoWebhook();
        var comment = comments.Add(request.Psid!, request.Text!, TimeSpan.FromDays(request.AgeDays));
        var status = await PostBytesAsync(o.WebhookUrl, o, clients, comments.WebhookBody(comment));
        return TypedResults.Ok(new CommentResult(status, comment.Id, comment.PostId));
    }

    /// <summary><see cref="Channel"/>: <c>messenger</c> (the default) or <c>instagram</c>.</summary>
    public sealed record SendRequest(string? Psid, string? Text, string? Payload, string? PostbackTitle, string? Channel = null);

    public sealed record AdminReplyRequest(string? Psid, string? Text);

    public sealed record FailRequest(int Code, int Times = 1);

    private const int MaxBody = 16 * 1024;

    /// <summary>The hook's JSON body, or the 4xx JSON answer for a missing, oversized or malformed one (model binding would answer an empty 400).</summary>
    private static async Task<(T Body, JsonHttpResult<ChatError>? Invalid)> ReadAsync<T>(HttpRequest http) where T : class
    {
        if (http.ContentLength > MaxBody)
            return (null!, TypedResults.Json(new ChatError($"the body is over {MaxBody} bytes"), statusCode: StatusCodes.Status413PayloadTooLarge));
        if (!http.HasJsonContentType())
            return (null!, TypedResults.Json(new ChatError("the body must be application/json"), statusCode: StatusCodes.Status415UnsupportedMediaType));
        try
        {
            return await http.ReadFromJsonAsync<T>() is { } body ? (body, null) : (null!, Bad("a JSON object is required"));
        }
        catch (JsonException)
        {
            return (null!, Bad("the body is not valid JSON"));
        }
    }

    private static JsonHttpResult<ChatError> Bad(string error) => TypedResults.Json(new ChatError(error), statusCode: StatusCodes.Status400BadRequest);

    public sealed record ChatError(string Error);

    private static string? Problem(string? psid, string? text, string? payload = null, string? title = null) =>
        string.IsNullOrWhiteSpace(psid) || psid.Length > MaxPsid ? $"psid is required, at most {MaxPsid} characters"
        : text?.Length > MaxText || title?.Length > MaxText ? $"text is at most {MaxText} characters"
        : payload?.Length > MaxPayload ? $"payload is at most {MaxPayload} characters"
        : null;

    private static async Task<Results<Ok, JsonHttpResult<ChatError>>> Fail(HttpRequest http, FacebookSandboxState sandbox)
    {
        var (request, invalid) = await ReadAsync<FailRequest>(http);
        if (invalid is not null) return invalid;
        if (request.Code <= 0 || request.Times is < 1 or > FacebookSandboxState.MaxFailures)
            return Bad($"code must be a Graph error code (613, 190, 551…) and times 1 to {FacebookSandboxState.MaxFailures}");
        sandbox.FailNext(request.Code, request.Times);
        return TypedResults.Ok();
    }

    private static async Task<Results<Ok<WebhookResult>, JsonHttpResult<ChatError>>> Send(HttpRequest http,
        IOptions<FacebookSandboxOptions> options, IHttpClientFactory clients, FacebookSandboxState sandbox)
    {
        var (request, invalid) = await ReadAsync<SendRequest>(http);
        if (invalid is not null) return invalid;
        if (Problem(request.Psid, request.Text, request.Payload, request.PostbackTitle) is { } problem) return Bad(problem);
        if (string.IsNullOrEmpty(request.Text) && string.IsNullOrEmpty(request.Payload)) return Bad("text (or payload) is required");
        var o = options.Value;
        if (o.WebhookUrl is null) return NoWebhook();
        var instagram = string.Equals(request.Channel, "instagram", StringComparison.Ordinal);
        if (request.Channel is not (null or "messenger" or "instagram")) return Bad("channel is messenger or instagram");
        if (instagram && string.IsNullOrEmpty(o.InstagramAccountId)) return Bad("the sandbox page has no Instagram professional account linked");
        var psid = request.Psid!;
        // The shopper writing opens Meta's messaging windows again; the Send API checks them.
        sandbox.ShopperWrote(psid);
        if (instagram) sandbox.InstagramUserWrote(psid);
        var account = instagram ? o.InstagramAccountId! : o.PageId;
        var now = sandbox.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var mid = (instagram ? "aWdf" : "m_") + Guid.NewGuid().ToString("N");
        var messaging = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = psid },
            ["recipient"] = new JsonObject { ["id"] = account },
            ["timestamp"] = now,
        };
        if (request.PostbackTitle is not null)
            messaging["postback"] = new JsonObject { ["mid"] = mid, ["title"] = request.PostbackTitle, ["payload"] = request.Payload };
        else
        {
            var message = new JsonObject { ["mid"] = mid, ["text"] = request.Text };
            if (request.Payload is not null) message["quick_reply"] = new JsonObject { ["payload"] = request.Payload };
            messaging["message"] = message;
        }
        // While another app (the Page Inbox) controls the thread, the bot's app gets the shopper's events on the standby channel.
        return TypedResults.Ok(await PostAsync(o.WebhookUrl, o, clients, messaging, now, Channel(psid, sandbox, o),
            instagram ? ("instagram", account) : null));
    }

    private static string Channel(string psid, FacebookSandboxState sandbox, FacebookSandboxOptions o) =>
        sandbox.ThreadOwner(psid) == o.AppId ? "messaging" : "standby";

    private static JsonHttpResult<ChatError> NoWebhook() => TypedResults.Json(
        new ChatError("the sandbox has no webhook address to post to (FacebookSandboxOptions.WebhookUrl)"), statusCode: StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<WebhookResult>, JsonHttpResult<ChatError>>> AdminReply(HttpRequest http,
        IOptions<FacebookSandboxOptions> options, IHttpClientFactory clients, FacebookSandboxState sandbox)
    {
        var (request, invalid) = await ReadAsync<AdminReplyRequest>(http);
        if (invalid is not null) return invalid;
        if (Problem(request.Psid, request.Text) is { } problem) return Bad(problem);
        if (string.IsNullOrWhiteSpace(request.Text)) return Bad("text is required");
        var o = options.Value;
        if (o.WebhookUrl is null) return NoWebhook();
        var now = sandbox.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var messaging = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = o.PageId },
            ["recipient"] = new JsonObject { ["id"] = request.Psid },
            ["timestamp"] = now,
            ["message"] = new JsonObject
            {
                ["mid"] = "m_" + Guid.NewGuid().ToString("N"), ["text"] = request.Text, ["is_echo"] = true, ["app_id"] = long.Parse(PageInboxAppId),
            },
        };
        // The page admin writes in the Page Inbox; when the Page Inbox controls the thread, the echo reaches the bot's app on standby.
        return TypedResults.Ok(await PostAsync(o.WebhookUrl, o, clients, messaging, now, Channel(request.Psid!, sandbox, o)));
    }

    private static Results<Ok<IReadOnlyList<ChatItem>>, JsonHttpResult<ChatError>> Messages([FromQuery] string? psid, [FromQuery] int? after,
        FacebookSandboxState sandbox) =>
        Problem(psid, null) is { } problem
            ? Bad(problem)
            : TypedResults.Ok<IReadOnlyList<ChatItem>>(sandbox.Sent(psid, after ?? -1).Select(s => new ChatItem(s.Index, s.SenderAction, s.Message)).ToList());

    public sealed record ChatItem(int Index, string? Action, JsonElement? Message);

    public sealed record WebhookResult(int Status);

    /// <param name="target">The webhook's object and entry id; null: <c>page</c> and the page id.</param>
    private static async Task<WebhookResult> PostAsync(string url, FacebookSandboxOptions o, IHttpClientFactory clients, JsonObject messaging, long now,
        string channel = "messaging", (string Object, string Id)? target = null)
    {
        var body = new JsonObject
        {
            ["object"] = target?.Object ?? "page",
            ["entry"] = new JsonArray(new JsonObject { ["id"] = target?.Id ?? o.PageId, ["time"] = now, [channel] = new JsonArray(messaging) }),
        };
        return new WebhookResult(await PostBytesAsync(url, o, clients, JsonSerializer.SerializeToUtf8Bytes(body)));
    }

    private static async Task<int> PostBytesAsync(string url, FacebookSandboxOptions o, IHttpClientFactory clients, byte[] bytes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(MetaSignature.HeaderName, new MetaSignature(o.AppSecret).Sign(bytes));
        using var response = await clients.CreateClient(FacebookSandboxExtensions.HttpClientName).SendAsync(request);
        return (int)response.StatusCode;
    }
}
