using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// A product with what retrieval and cards need precomputed once per snapshot. <see cref="CreatedAt"/> is kept parsed
/// (the compacted product drops its timestamps) for "what's new".
/// </summary>
public sealed record IndexedProduct(
    int Ordinal,
    Product Product,
    decimal MinPrice,
    bool InStock,
    IReadOnlyList<string> CollectionTitles,
    DateTimeOffset? CreatedAt = null)
{
    /// <summary>Variants a shopper can buy now, in the merchant's order.</summary>
    public IEnumerable<ProductVariant> AvailableVariants => Product.Variants.Nodes.Where(v => v.AvailableForSale);

    public string? ImageUrl => Product.Media.Nodes.FirstOrDefault(m => m.Image is not null)?.Image?.Url;
}

/// <summary>A search hit: the product and the variant that best fits the question (in stock when any is).</summary>
public sealed record ProductMatch(IndexedProduct Item, ProductVariant? Variant, double Score);

/// <summary>
/// An active code discount anyone may redeem; the assistant mentions it only when the merchant picked it, and only inside
/// Messenger's 24-hour window. <see cref="Discount"/> is the node it came from, for its values.
/// </summary>
public sealed record ActiveDiscount(string Code, string Title, string? Summary, string? EndsAt, DiscountNode Discount);
