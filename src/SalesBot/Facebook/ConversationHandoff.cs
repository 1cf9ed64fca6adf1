using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Facebook;

/// <summary>
/// Who answers a conversation: the bot, or a person (see <see cref="HandoffState"/>). No row means the bot. One row per
/// conversation, changed only through <see cref="ConversationStore"/>; <see cref="ChangedAt"/> lets the console notice changes.
/// </summary>
[PrimaryKey(nameof(PageId), nameof(Psid))]
[Index(nameof(PageId), nameof(State))]
public sealed class ConversationHandoff
{
    [MaxLength(64)]
    public required string PageId { get; set; }

    [MaxLength(64)]
    public required string Psid { get; set; }

    /// <summary>One of <see cref="HandoffState"/>'s values.</summary>
    [MaxLength(16)]
    public required string State { get; set; }

    /// <summary>
    /// Until when the bot stays quiet in <c>waiting</c> and <c>paused</c>; null in <c>person</c> (quiet until handed back)
    /// and <c>bot</c>. Null in <c>waiting</c> or <c>paused</c> means the thread is with another app (Conversation Routing
    /// passed it to the Page Inbox): quiet, with no end, until it comes back (<see cref="ThreadWithAnotherApp"/>).
    /// </summary>
    public DateTimeOffset? Until { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>The last history line the merchant has seen in the console: shopper lines after it are unread.</summary>
    public long ReadThroughId { get; set; }

    /// <summary>The thread was passed to another app (the Page Inbox): only a handover or a take back returns it to the bot's app.</summary>
    public bool ThreadWithAnotherApp => State is HandoffState.Waiting or HandoffState.Paused && Until is null;

    /// <summary>Whether the bot may answer the shopper now.</summary>
    public bool BotMayAnswer(DateTimeOffset now) => State switch
    {
        HandoffState.Person => false,
        HandoffState.Waiting or HandoffState.Paused => Until is { } until && until <= now,
        _ => true,
    };

    /// <summary>
    /// The state as the console shows it: a page admin's pause ends by itself (then the bot answers again); a shopper
    /// waiting for a person stays highlighted until a person replies or hands back, even once the bot answers again.
    /// </summary>
    public string EffectiveState(DateTimeOffset now) =>
        State == HandoffState.Paused && Until is { } until && until <= now ? HandoffState.Bot : State;
}

/// <summary>The four states of a conversation.</summary>
public static class HandoffState
{
    /// <summary>The bot answers.</summary>
    public const string Bot = "bot";

    /// <summary>
    /// The shopper asked for a person: the console highlights it; the bot is quiet for the handoff pause, or, when the thread was
    /// passed to the Page Inbox, until it comes back.
    /// </summary>
    public const string Waiting = "waiting";

    /// <summary>A merchant took over from the console: the bot is quiet until handed back, with no expiry.</summary>
    public const string Person = "person";

    /// <summary>A page admin replied from Meta's Page inbox (an echo from another app): the bot is quiet for the handoff pause.</summary>
    public const string Paused = "paused";
}
