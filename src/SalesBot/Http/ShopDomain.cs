using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace SalesBot;

/// <summary>
/// A validated <c>*.myshopify.com</c> domain. Every shop name that comes from outside goes through
/// <see cref="TryParse"/> before it is used in a URL, a key or a query, so no request can be steered elsewhere.
/// </summary>
public static partial class ShopDomain
{
    private const string Suffix = ".myshopify.com";
    private const int MaxLength = 255;

    /// <summary>Accepts <c>acme</c> or <c>acme.myshopify.com</c> (any case); returns the lowercase domain.</summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out string? domain)
    {
        domain = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > MaxLength) return false;
        var candidate = input.Trim().ToLowerInvariant();
        if (!candidate.Contains('.')) candidate += Suffix;
        if (!Pattern().IsMatch(candidate)) return false;
        domain = candidate;
        return true;
    }

    public static string ErrorMessage(string? input) =>
        $"'{Truncate(input)}' is not a valid shop: expected a name like 'acme' or a domain like 'acme.myshopify.com'.";

    private static string Truncate(string? input) =>
        input is null ? "" : input.Length > 64 ? input[..64] + "…" : input;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9\-_]*\.myshopify\.com$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
