using System.Security.Cryptography;
using System.Text;

namespace SalesBot.Signing;

/// <summary><c>X-Shopify-Hmac-Sha256</c>: base64 HMAC-SHA256 of the raw body with the app secret.</summary>
public sealed class ShopifyWebhookHmac(string secret)
{
    public const string HeaderName = "X-Shopify-Hmac-Sha256";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    public string Sign(ReadOnlySpan<byte> body) => Convert.ToBase64String(HMACSHA256.HashData(_key, body));

    /// <summary>Constant-time check on the decoded bytes; a header that is not base64 is simply invalid.</summary>
    public bool IsValid(ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(header) || header.Length > 128) return false;
        Span<byte> given = stackalloc byte[96];
        if (!Convert.TryFromBase64String(header, given, out var written) || written != HMACSHA256.HashSizeInBytes)
            return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..written]);
    }
}
