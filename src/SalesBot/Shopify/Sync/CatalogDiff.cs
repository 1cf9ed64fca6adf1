using System.Text.Json;
using SalesBot.Catalog;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// What a sync changed in the catalog, item by item (products, collections, discounts, and the shop itself): what a
/// poll found that the webhooks had missed, and how many items an incremental sync edited. Items are compared in the
/// hasher's canonical form, so a refetch in another order counts as no change.
/// </summary>
public sealed record CatalogDiff(int Added, int Updated, int Removed)
{
    public static readonly CatalogDiff None = new(0, 0, 0);

    public int Changed => Added + Updated + Removed;

    /// <param name="before">The catalog the sync started from; null when there was none (every item is then added).</param>
    public static CatalogDiff Between(CatalogData? before, CatalogData after)
    {
        var next = CatalogHasher.Canonical(after);
        if (before is null)
            return new(1 + next.Products.Nodes.Count + next.Collections.Nodes.Count + next.CodeDiscountNodes.Nodes.Count, 0, 0);
        var previous = CatalogHasher.Canonical(before);
        var diff = Sum(Sum(Compare(previous.Products.Nodes, next.Products.Nodes, p => p.Id),
            Compare(previous.Collections.Nodes, next.Collections.Nodes, c => c.Id)),
            Compare(previous.CodeDiscountNodes.Nodes, next.CodeDiscountNodes.Nodes, d => d.Id));
        return Same(previous.Shop, next.Shop) ? diff : diff with { Updated = diff.Updated + 1 };
    }

    private static CatalogDiff Sum(CatalogDiff a, CatalogDiff b) => new(a.Added + b.Added, a.Updated + b.Updated, a.Removed + b.Removed);

    private static CatalogDiff Compare<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> id) where T : class
    {
        var old = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in before) old.TryAdd(id(item), item);
        int added = 0, updated = 0;
        foreach (var item in after)
        {
            if (!old.Remove(id(item), out var previous)) added++;
            else if (!Same(previous, item)) updated++;
        }
        return new(added, updated, old.Count);
    }

    // Records hold lists, whose equality is by reference: compare what would be published instead.
    private static bool Same<T>(T a, T b) where T : class =>
        ReferenceEquals(a, b) || JsonSerializer.SerializeToUtf8Bytes(a, typeof(T), CatalogJson.Default).AsSpan()
            .SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(b, typeof(T), CatalogJson.Default));
}
