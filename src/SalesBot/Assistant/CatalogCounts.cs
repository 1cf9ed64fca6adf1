namespace SalesBot.Assistant;

/// <summary>
/// How much the published snapshot holds (every status, as Shopify has it) beside what the assistant may offer from it
/// (<see cref="CatalogIndex.IsOffered"/> products, codes of active discounts): the console's mirror counts.
/// </summary>
public sealed record CatalogCounts(int Products, int Variants, int Collections, int Discounts, int OfferedProducts, int ActiveCodes);
