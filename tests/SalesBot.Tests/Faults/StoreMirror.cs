using SalesBot.Catalog;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Tests.Faults;

/// <summary>
/// The facts a mirror must get right, as sorted lines, read once from the sandbox store itself and once from the
/// snapshot: equal lines mean the snapshot is exactly the store's catalog (products, variants with price and stock,
/// collections with their members), whatever path the sync took.
/// </summary>
internal static class StoreMirror
{
    public static List<string> Of(ShopifyStore store)
    {
        store.Gate.Wait();
        try
        {
            var lines = new List<string>();
            foreach (var p in store.Products.Values)
            {
                lines.Add($"product {p.Gid} {p.Title} {p.Status} [{string.Join(",", p.Tags.Order(StringComparer.Ordinal))}]");
                lines.AddRange(p.Variants.Select(v => $"variant {p.Gid} {v.Gid} {v.Title} {v.Price:0.00} {v.InventoryQuantity}"));
            }
            lines.AddRange(store.Collections.Values.Select(c =>
                $"collection {c.Gid} {c.Title} [{string.Join(",", c.ProductIds.Select(id => Gid.For("Product", id)).Order(StringComparer.Ordinal))}]"));
            return lines.Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            store.Gate.Release();
        }
    }

    public static List<string> Of(CatalogData snapshot)
    {
        var lines = new List<string>();
        foreach (var p in snapshot.Products.Nodes)
        {
            lines.Add($"product {p.Id} {p.Title} {p.Status} [{string.Join(",", p.Tags.Order(StringComparer.Ordinal))}]");
            lines.AddRange(p.Variants.Nodes.Select(v => $"variant {p.Id} {v.Id} {v.Title} {v.Price:0.00} {v.InventoryQuantity}"));
        }
        lines.AddRange(snapshot.Collections.Nodes.Select(c =>
            $"collection {c.Id} {c.Title} [{string.Join(",", c.Products.Nodes.Select(r => r.Id).Order(StringComparer.Ordinal))}]"));
        return lines.Order(StringComparer.Ordinal).ToList();
    }
}
