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
/// for the app (as Meta would), and lists what the app sent back through the Send API.
/// </summary>
internal static class FacebookSandboxChatApi
{
    /// <summary>The app id Meta puts on echoes of messages a person typed in the page inbox.</summary>
    public const string PageInboxAppId = "263902037430900";

    public static void Map(RouteGroupBuilder chat)
    {
        chat.MapPost("/send", Send);
        chat.MapPost("/admin-reply", AdminReply);
        chat.MapGet("/messages", Messages);
        chat.MapPost("/fail", (FailRequest request, FacebookSandboxState sandbox) =>
        {
            sandbox.FailNext(request.Code, Math.Max(1, request.Times));
            return TypedResults.Ok();
        });
    }

    public sealed record SendRequest(string Psid, string? Text, string? Payload, string? PostbackTitle);

    public sealed record AdminReplyRequest(string Psid, string Text);

    public sealed record FailRequest(int Code, int Times);

    private static async Task<Results<Ok<WebhookResult>, BadRequest<string>>> Send(SendRequest request, HttpContext http,
        IOptions<FacebookSandboxOptions> options, IHttpClientFactory clients, FacebookSandboxState sandbox)
    {
        if (string.IsNullOrWhiteSpace(request.Psid) || (string.IsNullOrEmpty(request.Text) && string.IsNullOrEmpty(request.Payload)))
            return TypedResults.BadRequest("psid and text (or payload) are required");
        var o = options.Value;
        // The shopper writing opens Meta's messaging windows again; the Send API checks them.
        sandbox.ShopperWrote(request.Psid);
        var now = sandbox.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var mid = "m_" + Guid.NewGuid().ToString("N");
        var messaging = new JsonObject
        {
            ["sender"] = new JsonObject { ["id"] = request.Psid },
            ["recipient"] = new JsonObject { ["id"] = o.PageId },
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
        return TypedResults.Ok(await PostAsync(http, o, clients, messaging, now));
    }

    private static async Task<Ok<WebhookResult>> AdminReply(AdminReplyRequest request, HttpContext http,
        IOptions<FacebookSandboxOptions> options, IHttpClientFactory clients, FacebookSandboxState sandbox)
    {
        var o = options.Value;
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
        return TypedResults.Ok(await PostAsync(http, o, clients, messaging, now));
    }

    private static Ok<IReadOnlyList<ChatItem>> Messages([FromQuery] string psid, [FromQuery] int? after, FacebookSandboxState sandbox) =>
        TypedResults.Ok<IReadOnlyList<ChatItem>>(sandbox.Sent(psid, after ?? -1)
            .Select(s => new ChatItem(s.Index, s.SenderAction, s.Message)).ToList());

    public sealed record ChatItem(int Index, string? Action, JsonElement? Message);

    public sealed record WebhookResult(int Status);

    private static async Task<WebhookResult> PostAsync(HttpContext http, FacebookSandboxOptions o, IHttpClientFactory clients, JsonObject messaging, long now)
    {
        var body = new JsonObject
        {
            ["object"] = "page",
            ["entry"] = new JsonArray(new JsonObject { ["id"] = o.PageId, ["time"] = now, ["messaging"] = new JsonArray(messaging) }),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body);
        var url = o.WebhookUrl ?? $"{http.Request.Scheme}://{http.Request.Host}/facebook/webhook";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(MetaSignature.HeaderName, new MetaSignature(o.AppSecret).Sign(bytes));
        using var response = await clients.CreateClient(FacebookSandboxExtensions.HttpClientName).SendAsync(request);
        return new WebhookResult((int)response.StatusCode);
    }
}
