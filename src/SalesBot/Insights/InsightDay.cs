using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Insights;

/// <summary>
/// What the bot did on one page of one shop on one UTC day: one row per (shop, page, day), each count raised by an
/// atomic upsert (see <see cref="InsightsRecorder"/>), so the table grows with pages × days, not with messages.
/// </summary>
[Table(TableName)]
[PrimaryKey(nameof(Shop), nameof(PageId), nameof(Day))]
[Index(nameof(Day))]
public sealed class InsightDay
{
    public const string TableName = "InsightDays";

    [MaxLength(255)]
    public required string Shop { get; set; }

    [MaxLength(64)]
    public required string PageId { get; set; }

    /// <summary>The UTC day the events happened on.</summary>
    public DateOnly Day { get; set; }

    /// <summary>Conversations active that day: a shopper who writes ten times counts once.</summary>
    public long Conversations { get; set; }

    public long ShopperMessages { get; set; }

    /// <summary>Send API messages the bot delivered (text chunks and card carousels).</summary>
    public long BotMessages { get; set; }

    /// <summary>Messages a person sent in the conversation (from the page inbox or the console).</summary>
    public long PersonMessages { get; set; }

    /// <summary>Shoppers who asked for a person.</summary>
    public long Handoffs { get; set; }

    /// <summary>Product cards in carousels the Send API accepted.</summary>
    public long CardsShown { get; set; }

    public long BuyClicks { get; set; }
}
