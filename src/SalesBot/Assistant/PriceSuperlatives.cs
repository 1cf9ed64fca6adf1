namespace SalesBot.Assistant;

/// <summary>
/// "Cheapest jacket", "most expensive ring": the products the words name, ordered by the price a shopper would pay, so
/// the reply can name the one at that end. What can be bought comes before what is sold out.
/// </summary>
public static class PriceSuperlatives
{
    /// <summary>The matches in price order (cheapest or dearest first), each with the variant that has that price.</summary>
    public static IReadOnlyList<ProductMatch> Rank(CatalogIndex catalog, ProductQuery query, int limit)
    {
        var order = query.Order ?? PriceOrder.Cheapest;
        // The words are compared with the products' names below, so in the catalog's words ("el más barato collar").
        query = catalog.InCatalogWords(query);
        var matches = catalog.Search(query with { Order = null }, catalog.Products.Count);
        var terms = Tokenizer.Terms(query.Text).Distinct().ToList();
        // A word found only in a description ("goes well with a jacket") does not make the product a jacket.
        var named = matches.Where(m => terms.Count == 0 || terms.All(t => NamedBy(m.Item, t))).ToList();
        if (named.Count == 0) named = matches.ToList();
        return named
            .Select(m => AtPrice(m, query, order))
            .Where(m => m.Variant is not null)
            .OrderByDescending(m => m.Variant!.AvailableForSale)
            .ThenBy(m => order == PriceOrder.Cheapest ? m.Variant!.Price : -m.Variant!.Price)
            .ThenBy(m => m.Item.Ordinal)
            .Take(limit)
            .ToList();
    }

    private static bool NamedBy(IndexedProduct item, string term)
    {
        var p = item.Product;
        return p.Tags.Append(p.Title).Append(p.ProductType ?? "").Concat(item.CollectionTitles)
            .Concat(p.Options.SelectMany(o => o.Values))
            .Any(text => Tokenizer.Terms(text).Contains(term));
    }

    /// <summary>The variant at the asked end of the product's prices, among those in the range and, when any is, in stock.</summary>
    private static ProductMatch AtPrice(ProductMatch match, ProductQuery query, PriceOrder order)
    {
        var inRange = match.Item.Product.Variants.Nodes.Where(v => query.InPriceRange(v.Price)).ToList();
        var pool = inRange.Any(v => v.AvailableForSale) ? inRange.Where(v => v.AvailableForSale).ToList() : inRange;
        var variant = order == PriceOrder.Cheapest ? pool.MinBy(v => v.Price) : pool.MaxBy(v => v.Price);
        return match with { Variant = variant };
    }
}
