using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// What the emulated Graph API remembers: issued login codes and user tokens, subscriptions, every
/// Send API call it received (in order), errors it was told to answer with next, and when each shopper last wrote
/// (the chat page's webhooks), which the Send API checks against Meta's messaging windows.
/// </summary>
public sealed class FacebookSandboxState(TimeProvider time, IOptions<FacebookSandboxOptions> options)
{
    public FacebookSandboxState(TimeProvider time) : this(time, Options.Create(new FacebookSandboxOptions())) { }

    private readonly Lock _gate = new();
    private readonly int _maxKept = Math.Max(1, options.Value.MaxKept);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _shopperLastWrote = new();
    private readonly ConcurrentQueue<string> _shoppersInOrder = new();

    public TimeProvider Time => time;

    private readonly ConcurrentDictionary<string, string> _threadOwners = new();

    /// <summary>
    /// Whether the page's Conversation Routing has the Page Inbox as a receiver, so the app may pass threads to it (on by
    /// default, as on a page whose inbox is set up; off, a pass to it is refused as on a page without it).
    /// </summary>
    public bool PageInboxRouting { get; set; } = options.Value.PageInboxRouting;

    /// <summary>The app that controls the shopper's thread: the page's primary app (the bot's) until it passes it.</summary>
    public string ThreadOwner(string psid) => _threadOwners.TryGetValue(psid, out var owner) ? owner : options.Value.AppId;

    public void SetThreadOwner(string psid, string appId)
    {
        if (appId == options.Value.AppId) _threadOwners.TryRemove(psid, out _);
        else _threadOwners[psid] = appId;
    }

    /// <summary>A shopper (PSID) wrote to the page now: the standard window and the HUMAN_AGENT window open again.</summary>
    public void ShopperWrote(string psid)
    {
        if (_shopperLastWrote.TryAdd(psid, time.GetUtcNow())) Forget(_shoppersInOrder, psid, _shopperLastWrote);
        else _shopperLastWrote[psid] = time.GetUtcNow();
    }

    private readonly ConcurrentDictionary<string, bool> _instagramUsers = new();
    private readonly ConcurrentQueue<string> _instagramUsersInOrder = new();

    /// <summary>An IGSID the chat page wrote from: the Send API holds messages to it to Instagram's limits.</summary>
    public void InstagramUserWrote(string igsid)
    {
        if (_instagramUsers.TryAdd(igsid, true)) Forget(_instagramUsersInOrder, igsid, _instagramUsers);
    }

    public bool IsInstagramUser(string id) => _instagramUsers.ContainsKey(id);

    /// <summary>When the shopper last wrote through the sandbox; null for a PSID it never saw (tests may post webhooks straight to the app).</summary>
    public DateTimeOffset? ShopperLastWrote(string psid) => _shopperLastWrote.TryGetValue(psid, out var at) ? at : null;
    private readonly LinkedList<RecordedSend> _sent = [];
    private int _nextIndex;
    private readonly Queue<int> _failures = new();
    private readonly ConcurrentQueue<string> _codesInOrder = new(), _tokensInOrder = new();

    public ConcurrentDictionary<string, bool> Codes { get; } = new();
    public ConcurrentDictionary<string, bool> UserTokens { get; } = new();
    public ConcurrentDictionary<string, string> Subscriptions { get; } = new();

    /// <summary>Every <c>DELETE /{page}/subscribed_apps</c> that succeeded, by page id, in order.</summary>
    public ConcurrentQueue<string> Unsubscriptions { get; } = new();

    /// <summary>Most Send API failures a test may queue.</summary>
    public const int MaxFailures = 100;

    /// <summary>The next <paramref name="times"/> Send API calls fail with Graph error <paramref name="code"/> (613, 190, 551…).</summary>
    public void FailNext(int code, int times = 1)
    {
        lock (_gate)
            for (var i = 0; i < times && _failures.Count < MaxFailures; i++) _failures.Enqueue(code);
    }

    public int? TakeFailure()
    {
        lock (_gate) return _failures.TryDequeue(out var code) ? code : null;
    }

    /// <summary>A login code from the dialog; the oldest are forgotten past <see cref="FacebookSandboxOptions.MaxKept"/>.</summary>
    public void IssueCode(string code)
    {
        Codes[code] = true;
        Forget(_codesInOrder, code, Codes);
    }

    public void IssueUserToken(string token)
    {
        UserTokens[token] = true;
        Forget(_tokensInOrder, token, UserTokens);
    }

    private void Forget<TValue>(ConcurrentQueue<string> order, string added, ConcurrentDictionary<string, TValue> keys)
    {
        order.Enqueue(added);
        while (order.Count > _maxKept && order.TryDequeue(out var oldest)) keys.TryRemove(oldest, out _);
    }

    public void RecordUnsubscription(string pageId)
    {
        Unsubscriptions.Enqueue(pageId);
        while (Unsubscriptions.Count > _maxKept && Unsubscriptions.TryDequeue(out _)) { }
    }

    /// <summary>Keeps the call (the last <see cref="FacebookSandboxOptions.MaxKept"/>); answers its 1-based number.</summary>
    public int Record(string pageId, JsonElement body)
    {
        lock (_gate)
        {
            var psid = body.TryGetProperty("recipient", out var r) && r.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
            _sent.AddLast(new RecordedSend(_nextIndex++, pageId, psid, body.Clone(), time.GetUtcNow()));
            if (_sent.Count > _maxKept) _sent.RemoveFirst();
            return _nextIndex;
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
