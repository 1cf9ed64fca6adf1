namespace SalesBot.Assistant;

/// <summary>What a shopper (or the model's search tool) asks the catalog for.</summary>
/// <param name="MaxExclusive">"under $30" and "below 30" mean strictly less; "up to $30" and "max 30" include 30.</param>
/// <param name="MinExclusive">"over $30" and "more than 30" mean strictly more; "from $30" and "at least 30" include 30.</param>
/// <param name="Audience">Who it is for ("for my boyfriend", "for a 5 year old"): products marked for someone else are left out.</param>
/// <param name="Order">"cheapest" or "most expensive": the answer names the one product at that end of the matches.</param>
public sealed record ProductQuery(
    string Text,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    bool InStockOnly = false,
    string? Collection = null,
    bool MaxExclusive = false,
    bool MinExclusive = false,
    Audience? Audience = null,
    PriceOrder? Order = null)
{
    public bool HasFilters => MinPrice is not null || MaxPrice is not null || InStockOnly || !string.IsNullOrWhiteSpace(Collection)
        || Audience is not null || Order is not null;

    public bool InPriceRange(decimal price) =>
        (MinPrice is null || (MinExclusive ? price > MinPrice : price >= MinPrice))
        && (MaxPrice is null || (MaxExclusive ? price < MaxPrice : price <= MaxPrice));
}

/// <summary>Which end of the price range a superlative asks for.</summary>
public enum PriceOrder { Cheapest, MostExpensive }
