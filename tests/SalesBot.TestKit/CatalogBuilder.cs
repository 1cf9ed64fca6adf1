using SalesBot.Catalog;

namespace SalesBot.TestKit;

/// <summary>
/// The one place tests and benches build catalog records, with named arguments for what a catalog varies in and
/// Shopify's defaults for the rest, so a change to the model is made here once.
/// </summary>
public static class CatalogBuilder
{
    public static ShopifyData Catalog(ShopInfo shop, IReadOnlyList<Product> products, IReadOnlyList<Collection>? collections = null,
        IReadOnlyList<DiscountNode>? discounts = null, FetchReport? report = null) =>
        new(new CatalogData(shop, new(products), new(collections ?? []), new(discounts ?? [])), report);

    public static ShopInfo Shop(string domain, string name, string? url, string? description = null, string timezone = "UTC",
        Domain? primaryDomain = null, CurrencyFormats? currencyFormats = null, IReadOnlyList<ShopPolicy>? policies = null) =>
        new("gid://shopify/Shop/1", name, description, domain, url, "USD", timezone, primaryDomain, currencyFormats, policies);

    /// <summary>A shop whose storefront is <paramref name="storefront"/> (a host), priced in dollars.</summary>
    public static ShopInfo DollarShop(string domain, string name, string storefront, IReadOnlyList<ShopPolicy>? policies = null) =>
        Shop(domain, name, $"https://{storefront}", primaryDomain: new Domain($"https://{storefront}", storefront),
            currencyFormats: new CurrencyFormats("${{amount}}", "${{amount}} USD"), policies: policies);

    public static Product Product(string id, string title, string handle, IReadOnlyList<ProductVariant> variants,
        string? description = null, string? vendor = null, string? productType = null, IReadOnlyList<string>? tags = null,
        string status = "ACTIVE", string? onlineStoreUrl = null, string? createdAt = null, string? updatedAt = null, long? totalInventory = null,
        IReadOnlyList<ProductOption>? options = null, PriceRange? priceRange = null, IReadOnlyList<Media>? media = null) =>
        new(id, title, handle, description, vendor, productType, tags ?? [], status, onlineStoreUrl, createdAt, updatedAt,
            totalInventory ?? variants.Sum(v => v.InventoryQuantity ?? 0), options ?? [], priceRange, new(media ?? []), new(variants));

    public static ProductVariant Variant(string id, string title, decimal price, IReadOnlyList<SelectedOption> selectedOptions,
        int position = 1, bool available = true, long? quantity = 5, string? sku = null, decimal? compareAtPrice = null,
        InventoryItem? inventoryItem = null) =>
        new(id, title, sku, price, compareAtPrice, available, quantity, "DENY", position, selectedOptions, null, inventoryItem);

    public static Media Image(string url, string? id = null, string? alt = null) => new(id, alt, "IMAGE", new Image(url, alt));

    /// <summary>An option's values in the order its variants first use them.</summary>
    public static ProductOption Option(string id, string name, int position, IEnumerable<string> values) =>
        new(id, name, position, values.Distinct().ToList());

    public static DiscountNode CodeDiscount(string id, string title, IReadOnlyList<string> codes, string status = "ACTIVE",
        string? summary = null, string? startsAt = null, int? usageLimit = null, bool? appliesOncePerCustomer = null,
        DiscountGetsValue? value = null, string? context = DiscountContext.AllBuyers) =>
        new(id, new CodeDiscount("DiscountCodeBasic", title, status, summary, startsAt, null, usageLimit, appliesOncePerCustomer, null,
            new(codes.Select(c => new DiscountRedeemCode(null, c)).ToList()), null, value is null ? null : new DiscountCustomerGets(value), null, null,
            context is null ? null : new DiscountContext(context)));

    public static DiscountGetsValue Percentage(double fraction) => new("DiscountPercentage", fraction, null, null, null, null);
}
