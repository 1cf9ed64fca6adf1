using System.Collections.Concurrent;
using System.Text.Json;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// What the emulated Graph API remembers: issued login codes and user tokens, subscriptions, every
/// Send API call it received (in order), and errors it was told to answer with next.
/// </summary>
public sealed class FacebookSandboxState
{
    private readonly Lock _gate = new();
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
            _sent.Add(new RecordedSend(_sent.Count, pageId, psid, body.Clone(), DateTimeOffset.UtcNow));
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
}
