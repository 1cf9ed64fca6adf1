using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace SalesBot.Sandbox.Facebook;

/// <summary>
/// The page's sample post and the comments people leave on it, with the private replies each got. The Send API checks a
/// private reply against Meta's rules here: the comment must exist, be under 7 days old and not have been answered yet.
/// </summary>
public sealed class FacebookSandboxComments(FacebookSandboxState state, IOptions<FacebookSandboxOptions> options)
{
    /// <summary>The one post the sandbox page has, and what it says (the chat page shows it).</summary>
    public string PostId => options.Value.PageId + "_1001";

    public const string PostText = "New season, new arrivals — ask us about anything you see!";

    public static readonly TimeSpan ReplyWindow = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, SandboxComment> _comments = new();
    private readonly ConcurrentQueue<string> _inOrder = new();
    private int _next;

    /// <summary>
    /// A person (known to Messenger as <paramref name="psid"/>) comments on the sample post, <paramref name="age"/> ago.
    /// The feed names them by a different id than their PSID, as Meta's does; the private reply's answer gives the PSID.
    /// </summary>
    public SandboxComment Add(string psid, string text, TimeSpan age = default)
    {
        var id = $"{PostId}_{Interlocked.Increment(ref _next)}{RandomNumberGenerator.GetHexString(6, lowercase: true)}";
        var comment = new SandboxComment(id, PostId, psid, FromIdOf(psid), text, state.Time.GetUtcNow() - age);
        _comments[id] = comment;
        _inOrder.Enqueue(id);
        while (_inOrder.Count > Math.Max(1, options.Value.MaxKept) && _inOrder.TryDequeue(out var oldest)) _comments.TryRemove(oldest, out _);
        return comment;
    }

    public SandboxComment? Find(string commentId) => _comments.GetValueOrDefault(commentId);

    public static string FromIdOf(string psid) => "u" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(psid)))[..16];

    /// <summary>Claims the comment's one private reply; the refusal is Meta's error (code, subcode, message), or null when it may be sent.</summary>
    public (int Code, int? Subcode, string Message)? TryReply(string commentId)
    {
        if (!_comments.TryGetValue(commentId, out var comment))
            return (100, 2018292, "(#100) Invalid comment_id parameter");
        if (state.Time.GetUtcNow() - comment.CreatedAt >= ReplyWindow)
            return (10903, null, "(#10903) This activity can't be replied to: it is older than 7 days");
        lock (comment)
        {
            if (comment.Replied) return (10900, null, "(#10900) Activity already replied to");
            comment.Replied = true;
        }
        return null;
    }

    /// <summary>The signed-ready <c>object: "page"</c> body Meta posts for the comment (the <c>feed</c> field).</summary>
    public byte[] WebhookBody(SandboxComment comment)
    {
        var o = options.Value;
        var value = new JsonObject
        {
            ["from"] = new JsonObject { ["id"] = comment.FromId, ["name"] = "Sandbox Shopper" },
            ["post"] = new JsonObject { ["id"] = comment.PostId, ["status_type"] = "added_photos", ["is_published"] = true },
            ["message"] = comment.Text,
            ["post_id"] = comment.PostId,
            ["comment_id"] = comment.Id,
            ["created_time"] = comment.CreatedAt.ToUnixTimeSeconds(),
            ["item"] = "comment",
            ["parent_id"] = comment.PostId,
            ["verb"] = "add",
        };
        var body = new JsonObject
        {
            ["object"] = "page",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = o.PageId,
                ["time"] = state.Time.GetUtcNow().ToUnixTimeSeconds(),
                ["changes"] = new JsonArray(new JsonObject { ["field"] = "feed", ["value"] = value }),
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(body);
    }
}

public sealed record SandboxComment(string Id, string PostId, string Psid, string FromId, string Text, DateTimeOffset CreatedAt)
{
    public bool Replied { get; set; }
}
