using System.Text.Json.Serialization;

namespace SalesBot.Catalog;

public sealed record Product(
    string Id,
    string Title,
    string Handle,
    string? Description,
    string? Vendor,
    string? ProductType,
    IReadOnlyList<string> Tags,
    string Status,
    string? OnlineStoreUrl,
    string? CreatedAt,
    string? UpdatedAt,
    long? TotalInventory,
    IReadOnlyList<ProductOption> Options,
    PriceRange? PriceRangeV2,
    Connection<Media> Media,
    Connection<ProductVariant> Variants)
{
    public bool IsActive => Status == "ACTIVE";
}

public sealed record ProductOption(string Id, string Name, int Position, IReadOnlyList<string> Values);

public sealed record PriceRange(MoneyV2 MinVariantPrice, MoneyV2 MaxVariantPrice);

/// <summary>Shopify sends Decimal and Money as strings ("19.99"); they stay strings on the wire.</summary>
public sealed record MoneyV2(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] decimal Amount,
    string CurrencyCode);

/// <summary>A product or variant medium; only images carry <see cref="Image"/>.</summary>
public sealed record Media(string? Id, string? Alt, string? MediaContentType, Image? Image);

public sealed record Image(string Url, string? AltText);

public sealed record ProductVariant(
    string Id,
    string Title,
    string? Sku,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] decimal Price,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] decimal? CompareAtPrice,
    bool AvailableForSale,
    long? InventoryQuantity,
    string? InventoryPolicy,
    int Position,
    IReadOnlyList<SelectedOption> SelectedOptions,
    Connection<Media>? Media,
    InventoryItem? InventoryItem);

public sealed record SelectedOption(string Name, string Value);

public sealed record InventoryItem(string Id, bool Tracked, Connection<InventoryLevel> InventoryLevels);

public sealed record InventoryLevel(string Id, Location Location, IReadOnlyList<InventoryQuantity> Quantities)
{
    public long Available => Quantities.FirstOrDefault(q => q.Name == "available")?.Quantity ?? 0;
}

public sealed record Location(string Id, string Name);

public sealed record InventoryQuantity(string Name, long Quantity);
