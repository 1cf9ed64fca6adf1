using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Insights;

/// <summary>Buy-link clicks per product variant, page and UTC day, so a merchant can see which products shoppers went to buy.</summary>
[Table(TableName)]
[PrimaryKey(nameof(Shop), nameof(PageId), nameof(Day), nameof(ProductId), nameof(VariantId))]
public sealed class InsightProductClicks
{
    public const string TableName = "InsightProductClicks";

    [MaxLength(255)]
    public required string Shop { get; set; }

    [MaxLength(64)]
    public required string PageId { get; set; }

    public DateOnly Day { get; set; }

    /// <summary>The product's Shopify GID.</summary>
    [MaxLength(100)]
    public required string ProductId { get; set; }

    /// <summary>The variant's Shopify GID, or empty when the card named none (a key column cannot be null).</summary>
    [MaxLength(100)]
    public required string VariantId { get; set; }

    public long Clicks { get; set; }
}
