using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Facebook;

/// <summary>While <see cref="Until"/> is in the future, a person owns the conversation and the bot stays quiet.</summary>
[PrimaryKey(nameof(PageId), nameof(Psid))]
public sealed class HandoffPause
{
    [MaxLength(64)]
    public required string PageId { get; set; }

    [MaxLength(64)]
    public required string Psid { get; set; }

    public DateTimeOffset Until { get; set; }

    /// <summary><c>shopper-asked</c> or <c>admin-replied</c>.</summary>
    [MaxLength(32)]
    public required string Reason { get; set; }
}
