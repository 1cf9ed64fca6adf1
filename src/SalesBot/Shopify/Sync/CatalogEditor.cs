using SalesBot.Catalog;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// Applies re-fetched items to a catalog: replace by id, insert new ones in id order (the order a full
/// fetch with <c>sortKey: ID</c> returns), remove deleted ones. Returns a new catalog; the input is untouched.
/// </summary>
public static class CatalogEditor
{
    public static CatalogData Apply(
        CatalogData catalog,
        ShopInfo? shop,
        IReadOnlyDictionary<string, Product?> products,
        IReadOnlyDictionary<string, Collection?> collections,
        IReadOnlyDictionary<string, DiscountNode?> discounts) => catalog with
    {
        Shop = shop ?? catalog.Shop,
        Products = Merge(catalog.Products, products, p => p.Id),
        Collections = WithoutMembers(Merge(catalog.Collections, collections, c => c.Id), products),
        CodeDiscountNodes = Merge(catalog.CodeDiscountNodes, discounts, d => d.Id),
    };

    /// <summary>
    /// A deleted product leaves every collection, but Shopify only sends <c>products/delete</c> for it:
    /// drop its references here, or collections would point at a product the catalog no longer has.
    /// </summary>
    private static Connection<Collection> WithoutMembers(Connection<Collection> collections, IReadOnlyDictionary<string, Product?> products)
    {
        var gone = products.Where(p => p.Value is null).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        if (gone.Count == 0) return collections;
        return collections with
        {
            Nodes = collections.Nodes.Select(c => c.Products.Nodes.Any(p => gone.Contains(p.Id))
                ? c with { Products = c.Products with { Nodes = c.Products.Nodes.Where(p => !gone.Contains(p.Id)).ToList() } }
                : c).ToList(),
        };
    }

    /// <summary><paramref name="changes"/> maps an id to its new state, or to null when it is gone.</summary>
    private static Connection<T> Merge<T>(Connection<T> current, IReadOnlyDictionary<string, T?> changes, Func<T, string> id) where T : class
    {
        if (changes.Count == 0) return current;
        var result = new List<T>(current.Nodes.Count + changes.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in current.Nodes)
        {
            var key = id(node);
            seen.Add(key);
            if (!changes.TryGetValue(key, out var replacement)) result.Add(node);
            else if (replacement is not null) result.Add(replacement);
        }
        var added = changes.Where(c => c.Value is not null && !seen.Contains(c.Key)).Select(c => c.Value!).ToList();
        if (added.Count == 0) return new(result);
        result.AddRange(added);
        result.Sort((a, b) => ShopifyIds.Compare(id(a), id(b)));
        return new(result);
    }
}
