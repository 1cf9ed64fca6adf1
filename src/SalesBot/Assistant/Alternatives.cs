namespace SalesBot.Assistant;

/// <summary>
/// "Cheaper" and "similar" for the product being discussed, by fixed rules both modes share. Cheaper: the same product
/// type (a shared collection when it has no type: "Home page" holds everything, so it is no kinship beside a type), buyable, priced below it, cheapest first. Similar: the same type or shared tags, buyable,
/// most in common first, then nearest in price; never the product itself. An empty list is an honest "nothing".
/// </summary>
public static class Alternatives
{
    public static IReadOnlyList<ProductMatch> Cheaper(CatalogIndex catalog, IndexedProduct product, int limit)
    {
        var price = PriceOf(product);
        return catalog.Products
            .Where(p => p != product && p.InStock && (HasType(product) ? SameType(p, product) : SharesCollection(p, product)))
            .Select(p => (Item: p, Variant: CheapestBuyable(p)!))
            .Where(x => x.Variant.Price < price)
            .OrderBy(x => x.Variant.Price).ThenBy(x => x.Item.Ordinal)
            .Take(limit)
            .Select(x => new ProductMatch(x.Item, x.Variant, 1))
            .ToList();
    }

    public static IReadOnlyList<ProductMatch> Similar(CatalogIndex catalog, IndexedProduct product, int limit)
    {
        var tags = product.Product.Tags.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var price = PriceOf(product);
        return catalog.Products
            .Where(p => p != product && p.InStock)
            .Select(p => (Item: p, Common: (SameType(p, product) ? 2 : 0) + p.Product.Tags.Count(tags.Contains)))
            .Where(x => x.Common > 0)
            .Select(x => (x.Item, x.Common, Variant: CheapestBuyable(x.Item)!))
            .OrderByDescending(x => x.Common).ThenBy(x => Math.Abs(x.Variant.Price - price)).ThenBy(x => x.Item.Ordinal)
            .Take(limit)
            .Select(x => new ProductMatch(x.Item, x.Variant, x.Common))
            .ToList();
    }

    /// <summary>What "cheaper than it" compares with: its lowest price a shopper can pay now (its lowest at all when sold out).</summary>
    public static decimal PriceOf(IndexedProduct product) => CheapestBuyable(product)?.Price ?? product.MinPrice;

    private static Catalog.ProductVariant? CheapestBuyable(IndexedProduct product) =>
        product.AvailableVariants.OrderBy(v => v.Price).FirstOrDefault();

    private static bool HasType(IndexedProduct p) => !string.IsNullOrWhiteSpace(p.Product.ProductType);

    private static bool SameType(IndexedProduct a, IndexedProduct b) =>
        !string.IsNullOrWhiteSpace(a.Product.ProductType) && string.Equals(a.Product.ProductType.Trim(), b.Product.ProductType?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static bool SharesCollection(IndexedProduct a, IndexedProduct b) =>
        a.CollectionTitles.Intersect(b.CollectionTitles, StringComparer.OrdinalIgnoreCase).Any();
}
