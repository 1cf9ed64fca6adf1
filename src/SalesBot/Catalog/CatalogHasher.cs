using System.Security.Cryptography;
using System.Text.Json;
namespace SalesBot.Catalog;

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

    // Each step returns its input when it is already canonical, so a catalog fetched in id order is hashed without copies.
    private static Product CanonicalProduct(Product product)
    {
        var variants = Sorted(product.Variants.Nodes, v => v.Id, CanonicalVariant);
        return ReferenceEquals(variants, product.Variants.Nodes) ? product : product with { Variants = new(variants) };
    }

    private static ProductVariant CanonicalVariant(ProductVariant variant)
    {
        if (variant.InventoryItem is not { } item) return variant;
        var levels = Sorted(item.InventoryLevels.Nodes, l => l.Id, l => l);
        return ReferenceEquals(levels, item.InventoryLevels.Nodes) ? variant : variant with { InventoryItem = item with { InventoryLevels = new(levels) } };
    }

    private static DiscountNode CanonicalDiscount(DiscountNode node)
    {
        if (node.CodeDiscount.Codes is not { } codes) return node;
        var sorted = Sorted(codes.Nodes, c => c.Code, c => c);
        return ReferenceEquals(sorted, codes.Nodes) ? node : node with { CodeDiscount = node.CodeDiscount with { Codes = new(sorted) } };
    }

    private static IReadOnlyList<T>? SortedOrNull<T>(IReadOnlyList<T>? items, Func<T, string> key) where T : class =>
        items is null ? null : Sorted(items, key, x => x);

    /// <summary>The items made canonical and ordered by <paramref name="key"/>; the same list when nothing moved or changed.</summary>
    private static IReadOnlyList<T> Sorted<T>(IReadOnlyList<T> items, Func<T, string> key, Func<T, T> canonical) where T : class
    {
        T[]? copy = null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = canonical(items[i]);
            if (ReferenceEquals(item, items[i])) continue;
            copy ??= [.. items];
            copy[i] = item;
        }
        var ordered = true;
        for (var i = 1; i < items.Count && ordered; i++)
            ordered = IdOrder.Compare(key(items[i - 1]), key(items[i])) <= 0;
        if (ordered) return copy ?? items;

        copy ??= [.. items];
        var keys = new string[copy.Length];
        for (var i = 0; i < keys.Length; i++) keys[i] = key(copy[i]);
        Array.Sort(keys, copy, IdOrder);
        return copy;
    }

    /// <summary>Shorter first, then ordinal: gids like <c>gid://shopify/Product/10</c> sort numerically, the order Shopify
    /// usually returns, so the common case needs no copy. Any total order would do for the hash.</summary>
    private static readonly Comparer<string> IdOrder = Comparer<string>.Create(
        (a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
}
