using System.Security.Cryptography;
using System.Text.Json;
using SalesBot.Shopify.Catalog;

namespace SalesBot.Snapshots;

/// <summary>
/// The change detector: SHA-256 (lowercase hex) of a canonical form of the catalog. Two fetches of an
/// unchanged store hash the same even when pages arrive in another order; the fetch report
/// (<see cref="ShopifyData.Extensions"/>) is not part of the catalog and is left out.
/// </summary>
public static class CatalogHasher
{
    /// <summary>Bump when the canonical form changes: every shop then uploads once, which is harmless.</summary>
    private static ReadOnlySpan<byte> Version => "salesbot-catalog-v1\n"u8;

    public static string Hash(ShopifyData data) => Hash(data.Data);

    public static string Hash(CatalogData catalog)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Version);
        // Serialized straight into the hash: no intermediate string or byte array, even for 10,000 products.
        using (var sink = new HashingStream(hash))
            JsonSerializer.Serialize(sink, Canonical(catalog), CatalogJson.Default.CatalogData);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Sorts by id what has no meaning in its order (products, collections, discounts, variants — whose order
    /// is their <see cref="ProductVariant.Position"/> — inventory levels, codes, policies) and keeps what does
    /// (media: the first is the featured image; a collection's products: its manual sort order; tags and options).
    /// </summary>
    public static CatalogData Canonical(CatalogData catalog) => catalog with
    {
        Shop = catalog.Shop with { ShopPolicies = SortedOrNull(catalog.Shop.ShopPolicies, p => p.Type) },
        Products = new(Sorted(catalog.Products.Nodes, p => p.Id, CanonicalProduct)),
        Collections = new(Sorted(catalog.Collections.Nodes, c => c.Id, c => c)),
        CodeDiscountNodes = new(Sorted(catalog.CodeDiscountNodes.Nodes, d => d.Id, CanonicalDiscount)),
    };

    private static Product CanonicalProduct(Product product) => product with
    {
        Variants = new(Sorted(product.Variants.Nodes, v => v.Id, CanonicalVariant)),
    };

    private static ProductVariant CanonicalVariant(ProductVariant variant) => variant.InventoryItem is not { } item ? variant : variant with
    {
        InventoryItem = item with { InventoryLevels = new(Sorted(item.InventoryLevels.Nodes, l => l.Id, l => l)) },
    };

    private static DiscountNode CanonicalDiscount(DiscountNode node) => node.CodeDiscount.Codes is not { } codes ? node : node with
    {
        CodeDiscount = node.CodeDiscount with { Codes = new(Sorted(codes.Nodes, c => c.Code, c => c)) },
    };

    private static IReadOnlyList<T>? SortedOrNull<T>(IReadOnlyList<T>? items, Func<T, string> key) =>
        items is null ? null : Sorted(items, key, x => x);

    private static T[] Sorted<T>(IReadOnlyList<T> items, Func<T, string> key, Func<T, T> canonical)
    {
        var result = new T[items.Count];
        for (var i = 0; i < result.Length; i++) result[i] = canonical(items[i]);
        var keys = new string[result.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = key(result[i]);
        Array.Sort(keys, result, StringComparer.Ordinal);
        return result;
    }
}
