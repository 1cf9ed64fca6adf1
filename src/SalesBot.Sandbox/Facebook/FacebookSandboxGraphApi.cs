using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// The slice of the Graph API the app uses, under <c>/sandbox/facebook/v26.0</c>: the login dialog,
/// the code exchange, <c>/me/accounts</c>, <c>/{page}/subscribed_apps</c> (POST and DELETE), the Send API and
/// <c>/me/messenger_profile</c> (<see cref="FacebookSandboxMessengerProfile"/>), with
/// Graph's error envelope for the failures tests ask for.
/// </summary>
internal static class FacebookSandboxGraphApi
{
    public static void Map(RouteGroupBuilder graph)
    {
        graph.MapGet("/dialog/oauth", Dialog);
        graph.MapGet("/oauth/access_token", AccessToken);
        graph.MapGet("/me/accounts", Accounts);
        graph.MapPost("/{pageId}/subscribed_apps", Subscribe);
        graph.MapDelete("/{pageId}/subscribed_apps", Unsubscribe);
        graph.MapPost("/me/messages", Send);
        FacebookSandboxMessengerProfile.Map(graph);
        FacebookSandboxInstagram.Map(graph);
        FacebookSandboxThreadControl.Map(graph);
    }

    private static ContentHttpResult Dialog(
        [FromQuery(Name = "client_id")] string? clientId, [FromQuery(Name = "redirect_uri")] string? redirectUri,
        [FromQuery] string? state, [FromQuery] string? scope, FacebookSandboxState sandbox, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (clientId != o.AppId || string.IsNullOrEmpty(state))
            return ErrorPage("Invalid App ID or missing state: the login dialog needs the app's client_id and a state.");
        // Meta's Strict Mode: the browser only goes back to one of the app's Valid OAuth Redirect URIs, exactly.
        if (!RedirectRule.Accepts(o.RedirectUris, redirectUri))
            return ErrorPage("URL blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.");
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        sandbox.IssueCode(code);
        var target = $"{redirectUri}{(redirectUri!.Contains('?') ? '&' : '?')}code={code}&state={Uri.EscapeDataString(state)}";
        var html = $$"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Log in with Facebook (sandbox)</title>
            <style>body{font-family:system-ui,sans-serif;background:#f0f2f5;display:grid;place-items:center;height:100vh;margin:0}
            .box{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 2px 8px #0002;max-width:26rem}
            a.btn{display:inline-block;background:#1877f2;color:#fff;padding:.6rem 1.2rem;border-radius:6px;text-decoration:none;font-weight:600}</style></head>
            <body><div class="box"><h2>Sandbox Facebook</h2>
            <p>The app asks for: <code>{{WebUtility.HtmlEncode(scope ?? "")}}</code></p>
            <p>Pages you manage: <b>{{WebUtility.HtmlEncode(o.PageName)}}</b></p>
            <a class="btn" id="allow" href="{{WebUtility.HtmlEncode(target)}}">Continue</a></div></body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static ContentHttpResult ErrorPage(string message) => TypedResults.Content(
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error</title></head><body><h1>{WebUtility.HtmlEncode(message)}</h1></body></html>",
        "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);

    private static IResult AccessToken(
        [FromQuery(Name = "client_id")] string? clientId, [FromQuery(Name = "client_secret")] string? clientSecret,
        [FromQuery] string? code, FacebookSandboxState sandbox, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (clientId != o.AppId || clientSecret != o.AppSecret) return GraphError(101, "Error validating application.", 400);
        if (code is null || !sandbox.Codes.TryRemove(code, out _)) return GraphError(100, "This authorization code has been used or is invalid.", 400);
        var token = "sandbox-user-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        sandbox.IssueUserToken(token);
        return TypedResults.Ok(new { access_token = token, token_type = "bearer", expires_in = 5183944 });
    }

    private static IResult Accounts([FromQuery(Name = "access_token")] string? token, FacebookSandboxState sandbox, IOptions<FacebookSandboxOptions> options)
    {
        if (token is null || !sandbox.UserTokens.ContainsKey(token)) return GraphError(190, "Invalid OAuth access token.", 401);
        var o = options.Value;
        return TypedResults.Ok(new { data = new[] { new { id = o.PageId, name = o.PageName, access_token = o.PageToken, category = "Shopping & retail" } } });
    }

    private static IResult Subscribe(string pageId, [FromQuery(Name = "subscribed_fields")] string? fields,
        [FromQuery(Name = "access_token")] string? token, FacebookSandboxState sandbox, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (pageId != o.PageId || token != o.PageToken) return GraphError(190, "Invalid page access token.", 401);
        sandbox.Subscriptions[pageId] = fields ?? "";
        return TypedResults.Ok(new { success = true });
    }

    /// <summary>
    /// Meta's "Deleting" of the page's subscribed_apps edge: the app stops receiving the page's webhooks; answers
    /// <c>{"success":true}</c>, also when the app was not subscribed, and refuses a token that is not the page's.
    /// </summary>
    private static IResult Unsubscribe(string pageId, [FromQuery(Name = "access_token")] string? token,
        FacebookSandboxState sandbox, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (pageId != o.PageId || token != o.PageToken) return GraphError(190, "Invalid page access token.", 401);
        sandbox.Subscriptions.TryRemove(pageId, out _);
        sandbox.RecordUnsubscription(pageId);
        return TypedResults.Ok(new { success = true });
    }

    private static async Task<IResult> Send(HttpRequest request, [FromQuery(Name = "access_token")] string? token,
        FacebookSandboxState sandbox, FacebookSandboxComments comments, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (token != o.PageToken) return GraphError(190, "Invalid OAuth access token - Cannot parse access token", 400);
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
        }
        catch (JsonException)
        {
            return GraphError(100, "Invalid JSON body.", 400);
        }
        switch (sandbox.TakeFailure())
        {
            case 613: return GraphError(613, "Calls to this api have exceeded the rate limit.", 400);
            case 190: return GraphError(190, "Error validating access token: The session has been invalidated.", 400);
            case 551: return GraphError(551, "This person isn't available right now.", 400, 1545041);
            case { } other: return GraphError(other, "Sandbox failure.", 400);
        }
        if (body.TryGetProperty("recipient", out var pr) && pr.ValueKind == JsonValueKind.Object && pr.TryGetProperty("comment_id", out _))
            return PrivateReply(body, sandbox, comments, o);
        var psid = body.TryGetProperty("recipient", out var r) && r.TryGetProperty("id", out var id) ? id.GetString() : null;
        // Conversation Routing's exclusivity: only the app controlling the thread may send to it, sender actions included.
        if (psid is not null && sandbox.ThreadOwner(psid) != o.AppId)
            return GraphError(10, "(#10) Message failed to send because another app is controlling this thread now.", 400,
                FacebookSandboxThreadControl.AnotherAppOwnsThreadSubcode);
        if (OutsideWindow(body, psid, sandbox) is { } refusal) return refusal;
        if (InvalidButtonTemplate(body) is { } invalid) return invalid;
        // The same Send API and page token reach an Instagram shopper (an IGSID), within Instagram's own limits.
        var instagram = psid is not null && sandbox.IsInstagramUser(psid);
        if (instagram && FacebookSandboxInstagram.Refusal(body) is { } beyondInstagram) return beyondInstagram;
        var index = sandbox.Record(instagram ? o.InstagramAccountId ?? o.PageId : o.PageId, body);
        return TypedResults.Ok(new { recipient_id = psid, message_id = $"m_sandbox_{index}" });
    }

    /// <summary>
    /// A private reply (<c>recipient: {comment_id}</c>; developers.facebook.com/docs/messenger-platform/discovery/private-replies):
    /// one message, text or attachment, to a comment under 7 days old that has not been answered privately yet. Graph's
    /// errors: 100/2018292 for an unknown comment id; 10900 "Activity already replied to" and 10903 for one past the window
    /// (the codes the old private_replies edge used, as far as Meta's error pages show them). The reply lands in the
    /// commenter's Messenger thread, and the answer names their PSID.
    /// </summary>
    private static IResult PrivateReply(JsonElement body, FacebookSandboxState sandbox, FacebookSandboxComments comments, FacebookSandboxOptions o)
    {
        var recipient = body.GetProperty("recipient");
        if (recipient.TryGetProperty("id", out _)) return GraphError(100, "(#100) recipient must have exactly one of id, comment_id, post_id, user_ref", 400);
        var commentId = recipient.GetProperty("comment_id").ValueKind == JsonValueKind.String ? recipient.GetProperty("comment_id").GetString() : null;
        if (!body.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            return GraphError(100, "(#100) A private reply needs a message (sender actions cannot be sent to a comment)", 400);
        if (message.TryGetProperty("text", out var text) && (text.GetString()?.Length ?? 0) is 0 or > 2000)
            return GraphError(100, "(#100) Length of param message[text] must be between 1 and 2000", 400);
        if (commentId is null || comments.Find(commentId) is not { } comment) return GraphError(100, "(#100) Invalid comment_id parameter", 400, 2018292);
        if (comments.TryReply(commentId) is { } refusal) return GraphError(refusal.Code, refusal.Message, 400, refusal.Subcode);
        // Recorded as a message to the commenter's PSID, so the chat page shows it in their thread.
        var recorded = JsonNode.Parse(body.GetRawText())!.AsObject();
        recorded["recipient"] = new JsonObject { ["id"] = comment.Psid, ["comment_id"] = commentId };
        var index = sandbox.Record(o.PageId, JsonSerializer.SerializeToElement(recorded));
        return TypedResults.Ok(new { recipient_id = comment.Psid, message_id = $"m_sandbox_{index}" });
    }

    /// <summary>
    /// Meta's messaging windows, counted from the shopper's last message: <c>RESPONSE</c> (and no type) within 24 hours,
    /// <c>MESSAGE_TAG</c> with <c>HUMAN_AGENT</c> within 7 days; otherwise Graph answers error 10, subcode 2018278
    /// (developers.facebook.com/docs/messenger-platform/reference/send-api/error-codes, /send-messages/message-tags/).
    /// Sender actions are not checked. A PSID the sandbox never saw write (a test posting webhooks straight to the app)
    /// is let through: the sandbox cannot know when it wrote.
    /// </summary>
    private static IResult? OutsideWindow(JsonElement body, string? psid, FacebookSandboxState sandbox)
    {
        if (!body.TryGetProperty("message", out _) || psid is null || sandbox.ShopperLastWrote(psid) is not { } lastWrote) return null;
        var type = body.TryGetProperty("messaging_type", out var t) ? t.GetString() : null;
        var tag = body.TryGetProperty("tag", out var g) ? g.GetString() : null;
        var since = sandbox.Time.GetUtcNow() - lastWrote;
        var allowed = type switch
        {
            null or "RESPONSE" or "UPDATE" => since < TimeSpan.FromHours(24),
            "MESSAGE_TAG" when tag == "HUMAN_AGENT" => since < TimeSpan.FromDays(7),
            // Other tags (POST_PURCHASE_UPDATE…) are not emulated: the app sends none.
            "MESSAGE_TAG" => true,
            _ => false,
        };
        return allowed ? null : GraphError(10,
            "(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview",
            400, 2018278);
    }

    /// <summary>
    /// The button template's limits (Messenger Platform, "Button template": text up to 640 characters, 1–3 buttons, a
    /// button title up to 20 characters); Graph refuses a message past them with error 100.
    /// </summary>
    private static IResult? InvalidButtonTemplate(JsonElement body)
    {
        if (!body.TryGetProperty("message", out var message) || !message.TryGetProperty("attachment", out var attachment)
            || !attachment.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object
            || !payload.TryGetProperty("template_type", out var type) || type.GetString() != "button")
            return null;
        var text = payload.TryGetProperty("text", out var t) ? t.GetString() : null;
        if (string.IsNullOrEmpty(text) || text.Length > 640)
            return GraphError(100, "(#100) Length of param message[attachment][payload][text] must be between 1 and 640", 400);
        var buttons = payload.TryGetProperty("buttons", out var b) && b.ValueKind == JsonValueKind.Array ? b.EnumerateArray().ToList() : [];
        if (buttons.Count is < 1 or > 3) return GraphError(100, "(#100) param message[attachment][payload][buttons] must have 1 to 3 buttons", 400);
        if (buttons.Any(x => !x.TryGetProperty("title", out var title) || title.GetString() is not { Length: > 0 and <= 20 }))
            return GraphError(100, "(#100) Button title must be 1 to 20 characters", 400);
        return null;
    }

    internal static IResult GraphError(int code, string message, int status, int? subcode = null) =>
        TypedResults.Json(new
        {
            error = new { message, type = code is 190 or 10 ? "OAuthException" : "GraphMethodException", code, error_subcode = subcode, fbtrace_id = "sandbox" },
        }, statusCode: status);
}
