using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Facebook;

/// <summary>
/// The one private reply a comment may get, claimed before it is sent: the unique comment id makes a redelivery or a
/// second instance harmless, and the unique (page, post, person) keeps to one reply per person per post.
/// </summary>
[Index(nameof(CommentId), IsUnique = true)]
[Index(nameof(PageId), nameof(PostId), nameof(FromId), IsUnique = true)]
public sealed class CommentReply
{
    public long Id { get; set; }

    [MaxLength(64)]
    public required string PageId { get; set; }

    [MaxLength(255)]
    public required string CommentId { get; set; }

    [MaxLength(255)]
    public required string PostId { get; set; }

    /// <summary>The commenter as the feed names them (not a PSID).</summary>
    [MaxLength(64)]
    public required string FromId { get; set; }

    /// <summary>The PSID the Send API answered with: the Messenger conversation the reply opened.</summary>
    [MaxLength(64)]
    public string? Psid { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>How the send ended; null while it is under way.</summary>
    public SendResult? Outcome { get; set; }
}
