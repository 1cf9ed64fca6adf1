using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// The page's Instagram professional account as the Graph API shows it (<c>GET /{page-id}?fields=instagram_business_account{id,username}</c>)
/// and Instagram's own limits on Send API calls to an IGSID (Messenger Platform, "Instagram Messaging"): text "must be UTF-8 and
/// be a 1000 bytes or less"; at most 13 quick replies, "plain text" only; the generic template (at most 10 elements) and the
/// button template are the templates Instagram has; sender actions are <c>typing_on</c>, <c>typing_off</c> and <c>mark_seen</c>.
/// A call past them gets Graph's invalid-parameter error, code 100, as a Messenger call past Messenger's own limits does.
/// </summary>
internal static class FacebookSandboxInstagram
{
    public const int MaxTextBytes = 1000, MaxQuickReplies = 13, MaxElements = 10;

    private static readonly string[] Templates = ["generic", "button"];
    private static readonly string[] SenderActions = ["typing_on", "typing_off", "mark_seen"];

    public static void Map(RouteGroupBuilder graph) => graph.MapGet("/{pageId}", Page);

    /// <summary>The page node with the fields asked for: <c>id</c>, <c>name</c>, <c>instagram_business_account</c> (absent when none is linked).</summary>
    private static IResult Page(string pageId, [FromQuery] string? fields, [FromQuery(Name = "access_token")] string? token,
        IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        if (token != o.PageToken) return FacebookSandboxGraphApi.GraphError(190, "Invalid OAuth access token - Cannot parse access token", 400);
        if (pageId != o.PageId)
            return FacebookSandboxGraphApi.GraphError(100, $"(#100) Object with ID '{pageId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation", 400, 33);
        var node = new Dictionary<string, object?> { ["id"] = o.PageId };
        var asked = (fields ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (asked.Contains("name")) node["name"] = o.PageName;
        if (asked.Any(f => f.StartsWith("instagram_business_account", StringComparison.Ordinal)) && !string.IsNullOrEmpty(o.InstagramAccountId))
            node["instagram_business_account"] = new { id = o.InstagramAccountId, username = o.InstagramUsername };
        return TypedResults.Json(node);
    }

    /// <summary>Null when the call keeps to Instagram's limits; otherwise Graph's error answer.</summary>
    public static IResult? Refusal(JsonElement body)
    {
        if (body.TryGetProperty("sender_action", out var action))
            return SenderActions.Contains(action.GetString())
                ? null
                : FacebookSandboxGraphApi.GraphError(100, $"(#100) sender_action {action.GetString()} is not supported on Instagram", 400);
        if (!body.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object) return null;
        if (message.TryGetProperty("text", out var text) && Encoding.UTF8.GetByteCount(text.GetString() ?? "") > MaxTextBytes)
            return FacebookSandboxGraphApi.GraphError(100, $"(#100) Length of param message[text] must be less than or equal to {MaxTextBytes} bytes", 400);
        if (message.TryGetProperty("quick_replies", out var quick) && quick.ValueKind == JsonValueKind.Array)
        {
            if (quick.GetArrayLength() > MaxQuickReplies)
                return FacebookSandboxGraphApi.GraphError(100, $"(#100) param message[quick_replies] must have at most {MaxQuickReplies} elements", 400);
            if (quick.EnumerateArray().Any(q => !q.TryGetProperty("content_type", out var t) || t.GetString() != "text"))
                return FacebookSandboxGraphApi.GraphError(100, "(#100) Instagram quick replies support only content_type text", 400);
        }
        if (message.TryGetProperty("attachment", out var attachment) && attachment.TryGetProperty("payload", out var payload)
            && payload.ValueKind == JsonValueKind.Object && attachment.TryGetProperty("type", out var type) && type.GetString() == "template")
        {
            var template = payload.TryGetProperty("template_type", out var t) ? t.GetString() : null;
            if (!Templates.Contains(template))
                return FacebookSandboxGraphApi.GraphError(100, $"(#100) template_type {template} is not supported on Instagram", 400);
            if (payload.TryGetProperty("elements", out var elements) && elements.ValueKind == JsonValueKind.Array && elements.GetArrayLength() > MaxElements)
                return FacebookSandboxGraphApi.GraphError(100, $"(#100) param message[attachment][payload][elements] must have at most {MaxElements} elements", 400);
        }
        return null;
    }
}
