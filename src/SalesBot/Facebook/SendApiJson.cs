using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesBot.Facebook;

/// <summary>Send API requests are snake_case with nulls omitted, as Meta documents them.</summary>
internal static class SendApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

internal sealed record SendRequest(SendRecipient Recipient, string? MessagingType, OutgoingMessage? Message, string? SenderAction, string? Tag = null);

/// <summary>A PSID, or for a private reply the comment being answered (<c>{"comment_id": ...}</c>).</summary>
internal sealed record SendRecipient(string? Id, string? CommentId = null);

/// <summary>The Send API's answer: the PSID the message went to (for a private reply, the commenter's new conversation).</summary>
internal sealed record SendResponse(string? RecipientId, string? MessageId);

/// <summary>Graph's error envelope: <c>{"error":{"message","type","code","error_subcode","fbtrace_id"}}</c>.</summary>
internal sealed record GraphErrorEnvelope(GraphError? Error);

internal sealed record GraphError(string? Message, string? Type, int Code, int? ErrorSubcode, string? FbtraceId);
