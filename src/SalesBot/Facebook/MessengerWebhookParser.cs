using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SalesBot.Facebook;

/// <summary>
/// Reads a Messenger webhook body into <see cref="MessengerEvent"/>s. Reads (delivery/read receipts),
/// reactions and other fields the bot does not act on are skipped.
/// </summary>
public static class MessengerWebhookParser
{
    public static IReadOnlyList<MessengerEvent> Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var events = new List<MessengerEvent>();
        var reader = new Utf8JsonReader(body);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || Str(root, "object") != "page") return events;
        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) return events;

        foreach (var entry in entries.EnumerateArray())
        {
            var pageId = Str(entry, "id");
            if (pageId is not null && entry.TryGetProperty("changes", out var changes)) FeedCommentParser.AddComments(events, pageId, changes, receivedAt);
            if (pageId is null || !entry.TryGetProperty("messaging", out var messaging) || messaging.ValueKind != JsonValueKind.Array) continue;
            foreach (var m in messaging.EnumerateArray())
            {
                var sender = m.TryGetProperty("sender", out var s) ? Str(s, "id") : null;
                var recipient = m.TryGetProperty("recipient", out var r) ? Str(r, "id") : null;
                var timestamp = m.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ts) ? ts : receivedAt.ToUnixTimeMilliseconds();
                if (sender is null || recipient is null) continue;

                if (m.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
                {
                    var echo = message.TryGetProperty("is_echo", out var e) && e.ValueKind == JsonValueKind.True;
                    var mid = Str(message, "mid") ?? DerivedMid(pageId, sender, timestamp, "m");
                    events.Add(new MessengerEvent
                    {
                        Mid = mid,
                        PageId = pageId,
                        // An echo goes from the page to the shopper, so the shopper is the recipient.
                        Psid = echo ? recipient : sender,
                        Kind = echo ? MessengerEventKind.Echo : MessengerEventKind.Message,
                        Text = Truncate(Str(message, "text"), 8000),
                        Payload = message.TryGetProperty("quick_reply", out var q) ? Truncate(Str(q, "payload"), 1000) : null,
                        AppId = echo && message.TryGetProperty("app_id", out var a) ? a.ToString() : null,
                        Timestamp = timestamp,
                        ReceivedAt = receivedAt,
                    });
                }
                else if (m.TryGetProperty("postback", out var postback) && postback.ValueKind == JsonValueKind.Object)
                {
                    var payload = Str(postback, "payload");
                    events.Add(new MessengerEvent
                    {
                        Mid = Str(postback, "mid") ?? DerivedMid(pageId, sender, timestamp, payload),
                        PageId = pageId,
                        Psid = sender,
                        Kind = MessengerEventKind.Postback,
                        Text = Truncate(Str(postback, "title"), 8000),
                        Payload = Truncate(payload, 1000),
                        Timestamp = timestamp,
                        ReceivedAt = receivedAt,
                    });
                }
            }
        }
        return events;
    }

    /// <summary>Older postbacks carry no mid: the same delivery retried still maps to the same id.</summary>
    private static string DerivedMid(string pageId, string sender, long timestamp, string? extra) =>
        "derived:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{pageId}|{sender}|{timestamp}|{extra}")))[..32];

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
