using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// Conversation Routing (the Handover Protocol) as Meta documents it: <c>POST /me/pass_thread_control</c>
/// {recipient:{id}, target_app_id, metadata} and <c>POST /me/take_thread_control</c> {recipient:{id}, metadata}, answering
/// <c>{"success":true}</c>. The bot's app is the page's primary receiver and the Page Inbox (263902037430900) the one other
/// receiver; only the thread's owner may pass it, only the primary may take it, and metadata is at most 1000 characters
/// (developers.facebook.com/docs/messenger-platform/handover-protocol/pass-thread-control, /reference/handover-protocol).
/// The receiving app gets a <c>messaging_handovers</c> webhook; the Page Inbox is emulated, so a pass to it sends none.
/// </summary>
internal static class FacebookSandboxThreadControl
{
    public const string PageInboxAppId = FacebookSandboxChatApi.PageInboxAppId;
    public const int AnotherAppOwnsThreadSubcode = 2018300;
    public const int MaxMetadata = 1000;

    public static void Map(RouteGroupBuilder graph)
    {
        graph.MapPost("/me/pass_thread_control", Pass);
        graph.MapPost("/me/take_thread_control", Take);
    }

    private static async Task<IResult> Pass(HttpRequest request, [FromQuery(Name = "access_token")] string? token,
        FacebookSandboxState sandbox, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        var (body, invalid) = await ReadAsync(request, token, o);
        if (invalid is not null) return invalid;
        var (psid, metadataProblem) = (Recipient(body), Metadata(body));
        if (psid is null) return FacebookSandboxGraphApi.GraphError(100, "(#100) param recipient[id] must be a valid PSID", 400);
        if (metadataProblem is not null) return metadataProblem;
        var target = body.TryGetProperty("target_app_id", out var t) && t.ValueKind is JsonValueKind.Number or JsonValueKind.String ? t.ToString() : null;
        if (target is null) return FacebookSandboxGraphApi.GraphError(100, "(#100) The parameter target_app_id is required", 400);
        if (target != PageInboxAppId && target != o.AppId)
            return FacebookSandboxGraphApi.GraphError(100, "(#100) Invalid target_app_id: the app is not a receiver on this page", 400);
        if (target == PageInboxAppId && !sandbox.PageInboxRouting)
            return FacebookSandboxGraphApi.GraphError(100, "(#100) Invalid target_app_id: the Page Inbox is not set up in this page's Conversation Routing", 400);
        if (sandbox.ThreadOwner(psid) != o.AppId)
            return FacebookSandboxGraphApi.GraphError(10, "(#10) Only the app that controls the thread can pass it", 400, AnotherAppOwnsThreadSubcode);
        if (target == o.AppId)
            return FacebookSandboxGraphApi.GraphError(100, "(#100) Invalid target_app_id: the app already controls the thread", 400);
        sandbox.SetThreadOwner(psid, target);
        return TypedResults.Ok(new { success = true });
    }

    private static async Task<IResult> Take(HttpRequest request, [FromQuery(Name = "access_token")] string? token,
        FacebookSandboxState sandbox, IOptions<FacebookSandboxOptions> options)
    {
        var o = options.Value;
        var (body, invalid) = await ReadAsync(request, token, o);
        if (invalid is not null) return invalid;
        var psid = Recipient(body);
        if (psid is null) return FacebookSandboxGraphApi.GraphError(100, "(#100) param recipient[id] must be a valid PSID", 400);
        if (Metadata(body) is { } metadataProblem) return metadataProblem;
        // The bot's app is the primary receiver, which may take any thread; the previous owner (the emulated Page Inbox) is told by Meta, not us.
        sandbox.SetThreadOwner(psid, o.AppId);
        return TypedResults.Ok(new { success = true });
    }

    private static async Task<(JsonElement Body, IResult? Invalid)> ReadAsync(HttpRequest request, string? token, FacebookSandboxOptions o)
    {
        if (token != o.PageToken) return (default, FacebookSandboxGraphApi.GraphError(190, "Invalid OAuth access token - Cannot parse access token", 400));
        try
        {
            var body = (await JsonDocument.ParseAsync(request.Body)).RootElement;
            return body.ValueKind == JsonValueKind.Object ? (body, null) : (default, FacebookSandboxGraphApi.GraphError(100, "Invalid JSON body.", 400));
        }
        catch (JsonException)
        {
            return (default, FacebookSandboxGraphApi.GraphError(100, "Invalid JSON body.", 400));
        }
    }

    private static string? Recipient(JsonElement body) =>
        body.TryGetProperty("recipient", out var r) && r.ValueKind == JsonValueKind.Object && r.TryGetProperty("id", out var id)
        && id.ValueKind is JsonValueKind.String or JsonValueKind.Number && id.ToString() is { Length: > 0 and <= 64 } psid ? psid : null;

    private static IResult? Metadata(JsonElement body) =>
        body.TryGetProperty("metadata", out var m) && (m.ValueKind != JsonValueKind.String || m.GetString()!.Length > MaxMetadata)
            ? FacebookSandboxGraphApi.GraphError(100, $"(#100) param metadata must be a string of at most {MaxMetadata} characters", 400)
            : null;
}
