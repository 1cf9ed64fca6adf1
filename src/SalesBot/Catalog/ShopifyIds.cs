namespace SalesBot.Catalog;

/// <summary>Shopify global ids (<c>gid://shopify/Product/123</c>), the catalog's ids, and the numeric ids REST payloads and cart links carry.</summary>
public static class ShopifyIds
{
    public static string Gid(string type, long id) => $"gid://shopify/{type}/{id}";

    public static long? NumericPart(string gid) => long.TryParse(Tail(gid), out var n) ? n : null;

    /// <summary>What follows the type: <c>123</c> of <c>gid://shopify/ProductVariant/123</c> (a query such as <c>?x=1</c> dropped).</summary>
    public static string Tail(string gid)
    {
        var slash = gid.LastIndexOf('/');
        var tail = slash < 0 ? gid : gid[(slash + 1)..];
        var query = tail.IndexOf('?');
        return query >= 0 ? tail[..query] : tail;
    }

    /// <summary>Orders ids the way Shopify's <c>sortKey: ID</c> does: by type, then by number.</summary>
    public static int Compare(string a, string b)
    {
        var na = NumericPart(a);
        var nb = NumericPart(b);
        var typeA = a[..Math.Max(0, a.LastIndexOf('/'))];
        var typeB = b[..Math.Max(0, b.LastIndexOf('/'))];
        var byType = string.CompareOrdinal(typeA, typeB);
        if (byType != 0 || na is null || nb is null) return byType != 0 ? byType : string.CompareOrdinal(a, b);
        return na.Value.CompareTo(nb.Value);
    }
}
