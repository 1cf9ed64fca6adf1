using System.Runtime.CompilerServices;

namespace SalesBot.Assistant;

/// <summary>
/// The web addresses a catalog states — the account page, each policy's page, each product's page — for the fact check's
/// link rule. Built once per catalog (an index is immutable once built): building the set for every link in a reply
/// walked all 50,000 products of a large catalog per link.
/// </summary>
public static class CatalogPages
{
    private static readonly ConditionalWeakTable<CatalogIndex, HashSet<string>> Known = new();

    /// <summary>True when <paramref name="url"/> is one of the catalog's pages (compared ignoring case, as before).</summary>
    public static bool IsKnown(CatalogIndex catalog, string url) => Known.GetValue(catalog, Build).Contains(url);

    /// <summary>The set itself, uncached (what <see cref="IsKnown"/> caches).</summary>
    internal static HashSet<string> Build(CatalogIndex catalog)
    {
        var known = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { PolicyAnswers.AccountUrl(catalog.Shop) };
        foreach (var policy in catalog.Shop.ShopPolicies ?? []) known.Add(policy.Url);
        foreach (var item in catalog.Products)
            if (item.Product.OnlineStoreUrl is { } page) known.Add(page);
        return known;
    }
}
