namespace SalesBot.Assistant;

/// <summary>
/// What <c>search_products</c> asks the catalog for. Models often leave the cap, the stock wish or the audience in the
/// query words ("candles under $20", "in stock black hoodie", "gifts for her"): those are read the way the catalog-only
/// mode reads a shopper (<see cref="ShopperMessage.ReadQuery"/>), so the cap filters instead of being searched as words.
/// An argument the model did fill wins over the words.
/// </summary>
public static class ToolSearchQuery
{
    public static ProductQuery From(string? query, decimal? minPrice, decimal? maxPrice, bool inStockOnly, string? collection)
    {
        var words = ShopperMessage.ReadQuery(query ?? "");
        // An argument is a plain number: inclusive, as the tool describes it. A bound in the words that contradicts an
        // argument ("under $20" with minPrice 50) would leave nothing to find, so the argument stands alone.
        var min = minPrice ?? (maxPrice is { } cap && words.MinPrice > cap ? null : words.MinPrice);
        var max = maxPrice ?? (minPrice is { } floor && words.MaxPrice < floor ? null : words.MaxPrice);
        return words with
        {
            MinPrice = min,
            MinExclusive = minPrice is null && min is not null && words.MinExclusive,
            MaxPrice = max,
            MaxExclusive = maxPrice is null && max is not null && words.MaxExclusive,
            InStockOnly = inStockOnly || words.InStockOnly,
            Collection = collection,
        };
    }
}
