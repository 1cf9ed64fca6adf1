namespace SalesBot.Sandbox.Shopify.Admin;

// Bodies of the sandbox admin endpoints (JSON, camelCase). Null members leave a value unchanged.

public sealed record ProductChange(
    string? Title = null, string? Description = null, string? Vendor = null, string? ProductType = null,
    List<string>? Tags = null, string? Status = null, List<VariantChange>? Variants = null, bool? Published = null);

public sealed record VariantChange(string? Title = null, decimal? Price = null, decimal? CompareAtPrice = null, string? Sku = null, int? Inventory = null);

/// <summary>Sets one inventory level; name the item by <see cref="InventoryItemId"/> or by <see cref="VariantId"/>.</summary>
public sealed record InventoryChange(long? InventoryItemId, long? VariantId, long LocationId, int Available);

public sealed record CollectionChange(
    string? Title = null, string? Description = null, List<long>? ProductIds = null,
    List<long>? AddProductIds = null, List<long>? RemoveProductIds = null);

/// <summary>
/// A code discount. <see cref="Kind"/>: <c>basic</c> (percentage, or amount + optional minimumSubtotal),
/// <c>bxgy</c> (buyQuantity, getQuantity, percentage of the got items), <c>free_shipping</c>. <see cref="UsageLimit"/> caps
/// uses in total; <see cref="Audience"/> is <c>all</c>, <c>customers</c> or <c>segments</c> (Shopify's <c>context</c>).
/// </summary>
public sealed record DiscountChange(
    string? Kind = null, string? Title = null, List<string>? Codes = null, double? Percentage = null, decimal? Amount = null,
    decimal? MinimumSubtotal = null, int? BuyQuantity = null, int? GetQuantity = null, DateTimeOffset? EndsAt = null,
    int? UsageLimit = null, string? Audience = null);
