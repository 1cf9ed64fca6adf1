using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// Which discount codes a bot may ever hand out. A code Shopify limits to one use in total (<c>usageLimit: 1</c>) is
/// gone after the first shopper, and one limited to certain customers or segments (<c>context</c> other than
/// <c>DiscountBuyerSelectionAll</c>) fails at checkout for everyone else: telling a chat about either is a broken promise.
/// </summary>
public static class CodeEligibility
{
    public static CodeRestriction RestrictionOf(CodeDiscount discount) =>
        discount.UsageLimit == 1 ? CodeRestriction.SingleUse
        : discount.Context is null ? CodeRestriction.Unknown
        : discount.Context.IsEveryone ? CodeRestriction.None
        : CodeRestriction.CustomersOnly;
}

public enum CodeRestriction
{
    None,
    /// <summary>Shopify's <c>usageLimit</c> is 1: one redemption in total.</summary>
    SingleUse,
    /// <summary>For listed customers or customer segments only.</summary>
    CustomersOnly,
    /// <summary>The snapshot predates the <c>context</c> field; the next sync tells. Never shared meanwhile.</summary>
    Unknown,
}

/// <summary>One redeem code of the catalog, whatever its status, with why it can never be shared (if so); <see cref="DiscountId"/> groups a discount's codes.</summary>
public sealed record CatalogCode(string DiscountId, string Code, string Title, string? Summary, string? Status, string? EndsAt, CodeRestriction Restriction)
{
    public bool IsActive => Status == "ACTIVE";
    public bool IsShareable => Restriction == CodeRestriction.None;
}
