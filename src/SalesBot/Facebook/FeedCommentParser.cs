using System.Globalization;
using System.Text.Json;

namespace SalesBot.Facebook;

/// <summary>
/// The page <c>feed</c> field's changes, as far as the bot acts on them: a person adding a comment to a post
/// (<c>entry[].changes[] {field: "feed", value: {item: "comment", verb: "add", comment_id, post_id, from, message, created_time}}</c>).
/// Edits, removals, reactions, and the page's own comments are skipped.
/// </summary>
internal static class FeedCommentParser
{
    public const string MidPrefix = "comment:";

    public static void AddComments(List<MessengerEvent> events, string pageId, JsonElement changes, DateTimeOffset receivedAt)
    {
        if (changes.ValueKind != JsonValueKind.Array) return;
        foreach (var change in changes.EnumerateArray())
        {
            if (Str(change, "field") != "feed" || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object) continue;
            if (Str(value, "item") != "comment" || Str(value, "verb") != "add") continue;
            var commentId = Str(value, "comment_id");
            var postId = Str(value, "post_id");
            var fromId = value.TryGetProperty("from", out var from) ? Str(from, "id") : null;
            if (commentId is null || postId is null || fromId is null || commentId.Length > 200 || fromId.Length > 64) continue;
            // The page answering under its own post is not a shopper asking.
            if (fromId == pageId) continue;
            events.Add(new MessengerEvent
            {
                Mid = MidPrefix + commentId,
                PageId = pageId,
                Psid = fromId,
                Kind = MessengerEventKind.Comment,
                Text = Truncate(Str(value, "message"), 8000),
                Payload = Truncate(postId, 1000),
                Timestamp = CreatedTime(value, receivedAt).ToUnixTimeMilliseconds(),
                ReceivedAt = receivedAt,
            });
        }
    }

    /// <summary>The comment id back from an event's <see cref="MessengerEvent.Mid"/>.</summary>
    public static string CommentId(MessengerEvent e) => e.Mid[MidPrefix.Length..];

    /// <summary>Meta sends <c>created_time</c> as Unix seconds; an ISO 8601 string is read too, and a missing one is "now".</summary>
    private static DateTimeOffset CreatedTime(JsonElement value, DateTimeOffset receivedAt)
    {
        if (!value.TryGetProperty("created_time", out var t)) return receivedAt;
        if (t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var seconds) && seconds is > 0 and < 100_000_000_000)
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (t.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at;
        return receivedAt;
    }

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
