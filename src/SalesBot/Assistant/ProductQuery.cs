namespace SalesBot.Assistant;

/// <summary>What a shopper (or the model's search tool) asks the catalog for.</summary>
public sealed record ProductQuery(
    string Text,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    bool InStockOnly = false,
    string? Collection = null)
{
    public bool HasFilters => MinPrice is not null || MaxPrice is not null || InStockOnly || !string.IsNullOrWhiteSpace(Collection);

    public bool InPriceRange(decimal price) =>
        (MinPrice is null || price >= MinPrice) && (MaxPrice is null || price <= MaxPrice);
}
