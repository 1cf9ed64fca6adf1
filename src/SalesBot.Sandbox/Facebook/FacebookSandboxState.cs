using System.Collections.Concurrent;
using System.Text.Json;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// What the emulated Graph API remembers: issued login codes and user tokens, subscriptions, every
/// Send API call it received (in order), errors it was told to answer with next, and when each shopper last wrote
/// (the chat page's webhooks), which the Send API checks against Meta's messaging windows.
/// </summary>
public sealed class FacebookSandboxState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _shopperLastWrote = new();

    public TimeProvider Time => time;

    /// <summary>A shopper (PSID) wrote to the page now: the standard window and the HUMAN_AGENT window open again.</summary>
    public void ShopperWrote(string psid) => _shopperLastWrote[psid] = time.GetUtcNow();

    /// <summary>When the shopper last wrote through the sandbox; null for a PSID it never saw (tests may post webhooks straight to the app).</summary>
    public DateTimeOffset? ShopperLastWrote(string psid) => _shopperLastWrote.TryGetValue(psid, out var at) ? at : null;
    private readonly List<RecordedSend> _sent = [];
    private readonly Queue<int> _failures = new();

    public ConcurrentDictionary<string, bool> Codes { get; } = new();
    public ConcurrentDictionary<string, bool> UserTokens { get; } = new();
    public ConcurrentDictionary<string, string> Subscriptions { get; } = new();

    /// <summary>Every <c>DELETE /{page}/subscribed_apps</c> that succeeded, by page id, in order.</summary>
    public ConcurrentQueue<string> Unsubscriptions { get; } = new();

    /// <summary>The next <paramref name="times"/> Send API calls fail with Graph error <paramref name="code"/> (613, 190, 551…).</summary>
    public void FailNext(int code, int times = 1)
    {
        lock (_gate)
            for (var i = 0; i < times; i++) _failures.Enqueue(code);
    }

    public int? TakeFailure()
    {
        lock (_gate) return _failures.TryDequeue(out var code) ? code : null;
    }

    public int Record(string pageId, JsonElement body)
    {
        lock (_gate)
        {
            var psid = body.TryGetProperty("recipient", out var r) && r.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
            _sent.Add(new RecordedSend(_sent.Count, pageId, psid, body.Clone(), time.GetUtcNow()));
            return _sent.Count;
        }
    }

    public IReadOnlyList<RecordedSend> Sent(string? psid = null, int after = -1)
    {
        lock (_gate) return _sent.Where(s => s.Index > after && (psid is null || s.Psid == psid)).ToList();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _sent.Clear();
            _failures.Clear();
        }
    }
}

/// <summary>One Send API call: <see cref="Body"/> is exactly what the app posted.</summary>
public sealed record RecordedSend(int Index, string PageId, string Psid, JsonElement Body, DateTimeOffset At)
{
    public string? SenderAction => Body.TryGetProperty("sender_action", out var a) ? a.GetString() : null;

    public JsonElement? Message => Body.TryGetProperty("message", out var m) ? m : null;

    public string? MessagingType => Body.TryGetProperty("messaging_type", out var t) ? t.GetString() : null;

    public string? Tag => Body.TryGetProperty("tag", out var t) ? t.GetString() : null;
}
