using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// Builds cards from catalog facts only: the formatted price of the variant on offer, the product
/// page, and a cart permalink for an in-stock variant. A sold-out product gets no Buy button; when
/// the asked-for variant is sold out its in-stock sibling is offered instead.
/// </summary>
public static class ProductCardFactory
{
    public static ProductCard Create(CatalogIndex catalog, ProductMatch match)
    {
        var item = match.Item;
        var product = item.Product;
        var variant = match.Variant is { AvailableForSale: true } ? match.Variant : item.AvailableVariants.FirstOrDefault() ?? match.Variant;
        var price = variant is null ? null : catalog.Money.Format(variant.Price);
        var inStock = variant?.AvailableForSale == true;

        var parts = new List<string>();
        if (price is not null) parts.Add(price);
        if (variant is { CompareAtPrice: { } was } && was > variant.Price) parts.Add("was " + catalog.Money.Format(was));
        if (variant is not null && variant.Title != "Default Title") parts.Add(variant.Title);
        parts.Add(inStock ? "In stock" : "Sold out");
        var subtitle = Truncate(string.Join(" · ", parts), 80);

        return new ProductCard(
            product.Id,
            Truncate(product.Title, 80),
            subtitle,
            VariantImage(variant) ?? item.ImageUrl,
            ProductUrl(catalog, product),
            inStock ? CartUrl(catalog, variant!) : null,
            price,
            inStock,
            variant?.Id);
    }

    public static string ProductUrl(CatalogIndex catalog, Product product) =>
        !string.IsNullOrEmpty(product.OnlineStoreUrl) ? product.OnlineStoreUrl : $"https://{catalog.StoreHost}/products/{product.Handle}";

    /// <summary>Shopify's cart permalink: <c>/cart/{variant id}:{quantity}</c> fills the cart and opens it.</summary>
    public static string CartUrl(CatalogIndex catalog, ProductVariant variant) =>
        $"https://{catalog.StoreHost}/cart/{NumericId(variant.Id)}:1";

    public static string NumericId(string gid) => ShopifyIds.Tail(gid);

    private static string? VariantImage(ProductVariant? variant) =>
        variant?.Media?.Nodes.FirstOrDefault(m => m.Image is not null)?.Image?.Url;

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
