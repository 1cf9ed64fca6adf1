namespace SalesBot.Shopify.Auth;

/// <summary>Shows a token as its kind and last four characters (<c>shpat_…1a2b</c>), never more.</summary>
public static class TokenMask
{
    public static string Mask(string token)
    {
        if (token.Length < 12) return "…";
        var prefixEnd = token.IndexOf('_');
        var prefix = prefixEnd is > 0 and < 8 ? token[..(prefixEnd + 1)] : "";
        return $"{prefix}…{token[^4..]}";
    }
}
