using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Facebook;

/// <summary>
/// One messaging event as received, recorded before the webhook answers so that a crash or restart
/// loses nothing; the unique <see cref="Mid"/> makes Meta's retries harmless.
/// </summary>
[Index(nameof(Mid), IsUnique = true)]
[Index(nameof(ProcessedAt), nameof(PageId), nameof(Psid))]
[Index(nameof(ReceivedAt))] // the retention sweep reads the oldest first (Data/Retention)
public sealed class MessengerEvent
{
    public long Id { get; set; }

    /// <summary>The message id, or a derived id for postbacks that carry none.</summary>
    [MaxLength(255)]
    public required string Mid { get; set; }

    /// <summary>The account the event came to (<c>entry[].id</c>): the page id, or on Instagram the page's Instagram account id.</summary>
    [MaxLength(64)]
    public required string PageId { get; set; }

    /// <summary>The shopper's page-scoped id, or on Instagram their IGSID (the recipient for echoes).</summary>
    [MaxLength(64)]
    public required string Psid { get; set; }

    public required MessengerEventKind Kind { get; set; }

    /// <summary>The shopper's words, or the postback title. Customer data: never logged above Debug.</summary>
    [MaxLength(8000)]
    public string? Text { get; set; }

    /// <summary>Quick-reply or postback payload.</summary>
    [MaxLength(1000)]
    public string? Payload { get; set; }

    /// <summary>The app that sent an echo, or a handover's new thread owner; null for shopper messages.</summary>
    [MaxLength(64)]
    public string? AppId { get; set; }

    /// <summary>Meta's event time in Unix milliseconds: the order within a conversation.</summary>
    public long Timestamp { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public DateTimeOffset? ProcessedAt { get; set; }
}

public enum MessengerEventKind
{
    Message = 0,
    Postback = 1,
    Echo = 2,
    /// <summary>A shopper's message delivered on the standby channel: another app (the Page Inbox) owns the thread; never answered.</summary>
    Standby = 3,
    /// <summary>
    /// A <c>messaging_handovers</c> event (<c>pass_thread_control</c> or <c>take_thread_control</c>): <see cref="MessengerEvent.AppId"/> is the
    /// thread's new owner, <see cref="MessengerEvent.Text"/> the metadata.
    /// </summary>
    Handover = 4,

    /// <summary>
    /// A comment on one of the page's posts (the <c>feed</c> field): <see cref="MessengerEvent.Mid"/> is <c>comment:{comment_id}</c>,
    /// <see cref="MessengerEvent.Psid"/> the commenter's id (not a PSID), <see cref="MessengerEvent.Payload"/> the post id.
    /// Numbered apart from the messaging kinds so new ones can be added beside them.
    /// </summary>
    Comment = 20,
}
