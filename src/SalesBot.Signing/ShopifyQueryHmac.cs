using System.Security.Cryptography;
using System.Text;

namespace SalesBot.Signing;

/// <summary>
/// The HMAC Shopify puts on OAuth callback (and app proxy) queries: drop <c>hmac</c> and
/// <c>signature</c>, sort the rest by key, join as <c>k=v</c> with <c>&amp;</c>, HMAC-SHA256 with the
/// app secret, lowercase hex.
/// </summary>
public sealed class ShopifyQueryHmac(string secret)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    public string Sign(IEnumerable<KeyValuePair<string, string>> query)
    {
        var message = string.Join('&', query
            .Where(p => p.Key is not ("hmac" or "signature"))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message)));
    }

    /// <summary>Constant-time check of the query's <c>hmac</c> against the one we compute.</summary>
    public bool IsValid(IEnumerable<KeyValuePair<string, string>> query, string? hmac)
    {
        if (string.IsNullOrEmpty(hmac) || hmac.Length != 64) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(query));
        var given = Encoding.ASCII.GetBytes(hmac.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
