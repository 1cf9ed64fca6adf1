using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SalesBot.Facebook;

/// <summary>
/// Reads a Messenger webhook body into <see cref="MessengerEvent"/>s. Reads (delivery/read receipts),
/// reactions and other fields the bot does not act on are skipped. <c>object: "instagram"</c> bodies have the same
/// <c>entry[].messaging[]</c> shape (Instagram Messaging, "Webhooks": <c>entry[].id</c> is the Instagram professional account,
/// sender/recipient are IGSIDs; echoes come with <c>messages</c> and <c>is_echo</c>; quick replies, postbacks from ice breakers
/// and generic template buttons, <c>messaging_seen</c> as <c>read</c>, reactions, <c>is_deleted</c> for an unsent message):
/// their events are kept under the Instagram account id. Instagram comments (<c>changes</c>) are not answered and skipped.
/// </summary>
public static class MessengerWebhookParser
{
    public static IReadOnlyList<MessengerEvent> Parse(ReadOnlySpan<byte> body, DateTimeOffset receivedAt) => ParseWebhook(body, receivedAt).Events;

    /// <summary>The events and the channel the body came on; an object other than <c>page</c> or <c>instagram</c> gives none.</summary>
    public static WebhookBatch ParseWebhook(ReadOnlySpan<byte> body, DateTimeOffset receivedAt)
    {
        var events = new List<MessengerEvent>();
        var reader = new Utf8JsonReader(body);
        using var doc = JsonDocument.ParseValue(ref reader);
        var root = doc.RootElement;
        MessagingChannel? channel = root.ValueKind != JsonValueKind.Object ? null : Str(root, "object") switch
        {
            "page" => MessagingChannel.Messenger,
            "instagram" => MessagingChannel.Instagram,
            _ => null,
        };
        if (channel is null) return new WebhookBatch(null, events);
        if (!root.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array) return new WebhookBatch(channel, events);

        foreach (var entry in entries.EnumerateArray())
        {
            var pageId = Str(entry, "id");
            if (pageId is null) continue;
            if (channel == MessagingChannel.Messenger && entry.TryGetProperty("changes", out var changes))
                FeedCommentParser.AddComments(events, pageId, changes, receivedAt);
            // While another app (the Page Inbox) owns a thread, its events come on the standby channel: recorded, never answered.
            foreach (var m in Items(entry, "standby"))
                if (ParseStandby(pageId, m, receivedAt) is { } standby) events.Add(standby);
            foreach (var m in Items(entry, "messaging"))
            {
                var sender = m.TryGetProperty("sender", out var s) ? Str(s, "id") : null;
                var recipient = m.TryGetProperty("recipient", out var r) ? Str(r, "id") : null;
                var timestamp = m.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ts) ? ts : receivedAt.ToUnixTimeMilliseconds();
                if (sender is null || recipient is null) continue;

                if (m.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
                {
                    // An Instagram shopper unsent a message: nothing to answer (what it said is already in the history, if anything).
                    if (message.TryGetProperty("is_deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True) continue;
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
                else if (ParseHandover(pageId, sender, timestamp, m, receivedAt) is { } handover)
                    events.Add(handover);
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
        return new WebhookBatch(channel, events);
    }

    private static IEnumerable<JsonElement> Items(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];

    /// <summary>
    /// A <c>messaging_handovers</c> event: <c>pass_thread_control</c> {new_owner_app_id, previous_owner_app_id, metadata} or
    /// <c>take_thread_control</c> {previous_owner_app_id, new_owner_app_id, metadata}; the sender is the shopper
    /// (developers.facebook.com/docs/messenger-platform/reference/webhook-events/messaging_handovers). A
    /// <c>request_thread_control</c> asks the primary app to pass; the bot never passes on request, so it is skipped.
    /// </summary>
    private static MessengerEvent? ParseHandover(string pageId, string sender, long timestamp, JsonElement m, DateTimeOffset receivedAt)
    {
        var kind = m.TryGetProperty("pass_thread_control", out var pass) && pass.ValueKind == JsonValueKind.Object ? "pass"
            : m.TryGetProperty("take_thread_control", out pass) && pass.ValueKind == JsonValueKind.Object ? "take" : null;
        if (kind is null || Str(pass, "new_owner_app_id") is not { } newOwner) return null;
        return new MessengerEvent
        {
            Mid = DerivedMid(pageId, sender, timestamp, kind + ":" + newOwner),
            PageId = pageId,
            Psid = sender,
            Kind = MessengerEventKind.Handover,
            Text = Truncate(Str(pass, "metadata"), 1000),
            AppId = Truncate(newOwner, 64),
            Timestamp = timestamp,
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>A standby message from the shopper becomes <see cref="MessengerEventKind.Standby"/>; an echo stays an echo (a person replied).</summary>
    private static MessengerEvent? ParseStandby(string pageId, JsonElement m, DateTimeOffset receivedAt)
    {
        var sender = m.TryGetProperty("sender", out var s) ? Str(s, "id") : null;
        var recipient = m.TryGetProperty("recipient", out var r) ? Str(r, "id") : null;
        var timestamp = m.TryGetProperty("timestamp", out var t) && t.TryGetInt64(out var ts) ? ts : receivedAt.ToUnixTimeMilliseconds();
        if (sender is null || recipient is null) return null;
        var message = m.TryGetProperty("message", out var msg) && msg.ValueKind == JsonValueKind.Object ? msg : (JsonElement?)null;
        var postback = m.TryGetProperty("postback", out var pb) && pb.ValueKind == JsonValueKind.Object ? pb : (JsonElement?)null;
        if (message is null && postback is null) return null;
        var echo = message is { } em && em.TryGetProperty("is_echo", out var e) && e.ValueKind == JsonValueKind.True;
        var body = message ?? postback!.Value;
        return new MessengerEvent
        {
            Mid = Str(body, "mid") ?? DerivedMid(pageId, sender, timestamp, "standby:" + Str(body, "payload")),
            PageId = pageId,
            Psid = echo ? recipient : sender,
            Kind = echo ? MessengerEventKind.Echo : MessengerEventKind.Standby,
            Text = Truncate(Str(body, message is null ? "title" : "text"), 8000),
            Payload = Truncate(message is { } qm && qm.TryGetProperty("quick_reply", out var q) ? Str(q, "payload") : Str(body, "payload"), 1000),
            AppId = echo && body.TryGetProperty("app_id", out var a) ? a.ToString() : null,
            Timestamp = timestamp,
            ReceivedAt = receivedAt,
        };
    }

    /// <summary>Older postbacks carry no mid: the same delivery retried still maps to the same id.</summary>
    private static string DerivedMid(string pageId, string sender, long timestamp, string? extra) =>
        "derived:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{pageId}|{sender}|{timestamp}|{extra}")))[..32];

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? v.ToString() : null;

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}

/// <summary>What one webhook delivery held: its channel (null for an object the bot does not serve) and its events.</summary>
public sealed record WebhookBatch(MessagingChannel? Channel, IReadOnlyList<MessengerEvent> Events);
