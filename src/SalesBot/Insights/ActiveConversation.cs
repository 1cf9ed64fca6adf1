using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Insights;

/// <summary>
/// "This conversation was already counted today": the one per-shopper row Insights keeps, so a conversation counts
/// once per day it is active. It holds a hash of the shopper's page-scoped id, never the id, and lives only for its
/// day: the first conversation of the next day on the page deletes the page's older rows. Meta's data deletion and
/// <c>shop/redact</c> erase it too.
/// </summary>
[Table(TableName)]
[PrimaryKey(nameof(PageId), nameof(Day), nameof(Shopper))]
[Index(nameof(Shopper))]
[Index(nameof(Shop))]
public sealed class ActiveConversation
{
    public const string TableName = "InsightActiveConversations";

    [MaxLength(64)]
    public required string PageId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>SHA-256 of the PSID, hex.</summary>
    [MaxLength(64)]
    public required string Shopper { get; set; }

    [MaxLength(255)]
    public required string Shop { get; set; }
}
