namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>Shopify global ids: <c>gid://shopify/{Type}/{number}</c>.</summary>
public static class Gid
{
    private const string Prefix = "gid://shopify/";

    public static string For(string type, long id) => $"{Prefix}{type}/{id}";

    /// <summary>Splits a gid into its type and number; false for anything that is not one.</summary>
    public static bool TryParse(string? gid, out string type, out long id)
    {
        type = ""; id = 0;
        if (gid is null || !gid.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var rest = gid.AsSpan(Prefix.Length);
        var slash = rest.IndexOf('/');
        if (slash <= 0) return false;
        var number = rest[(slash + 1)..];
        var query = number.IndexOf('?');
        if (query >= 0) number = number[..query];
        if (!long.TryParse(number, out id)) return false;
        type = rest[..slash].ToString();
        return true;
    }

    public static long? NumberOf(string? gid, string expectedType) =>
        TryParse(gid, out var type, out var id) && type == expectedType ? id : null;
}
