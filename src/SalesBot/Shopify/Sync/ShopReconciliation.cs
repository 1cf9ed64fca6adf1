using System.ComponentModel.DataAnnotations;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// When a shop's catalog was last re-read in full. Shared by every instance, so a poll that another
/// instance ran moments ago is not repeated (each full read costs Shopify API points).
/// </summary>
public sealed class ShopReconciliation
{
    [Key, MaxLength(255)]
    public required string Shop { get; set; }

    public DateTimeOffset ReconciledAt { get; set; }
}
