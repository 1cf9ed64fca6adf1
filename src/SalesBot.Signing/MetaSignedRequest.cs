using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace SalesBot.Signing;

/// <summary>
/// Meta's <c>signed_request</c> (data deletion and deauthorize callbacks): <c>base64url(signature).base64url(payload)</c>,
/// unpadded, where the signature is HMAC-SHA256 of the encoded payload part (the text after the dot) with the app secret
/// and the payload is JSON with <c>algorithm: "HMAC-SHA256"</c>.
/// </summary>
public sealed class MetaSignedRequest(string appSecret)
{
    public const int MaxLength = 8192;

    private readonly byte[] _key = Encoding.UTF8.GetBytes(appSecret);

    /// <summary>Signs a JSON payload the way Meta does (the sandbox and tests use it).</summary>
    public string Sign(ReadOnlySpan<byte> payloadJson)
    {
        var payload = Base64Url.EncodeToString(payloadJson);
        var signature = Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload)));
        return signature + "." + payload;
    }

    /// <summary>
    /// The payload's JSON bytes when the signature matches (constant-time, on the decoded bytes); null for anything
    /// malformed or forged. The caller still checks <c>algorithm</c> in the JSON.
    /// </summary>
    public byte[]? Verify(string? signedRequest)
    {
        if (string.IsNullOrEmpty(signedRequest) || signedRequest.Length > MaxLength) return null;
        var dot = signedRequest.IndexOf('.');
        if (dot <= 0 || dot == signedRequest.Length - 1) return null;
        var encodedSignature = signedRequest.AsSpan(0, dot);
        var encodedPayload = signedRequest.AsSpan(dot + 1);

        Span<byte> given = stackalloc byte[64];
        if (Base64Url.DecodeFromChars(encodedSignature, given, out var read, out var written) != System.Buffers.OperationStatus.Done
            || read != encodedSignature.Length || written != HMACSHA256.HashSizeInBytes)
            return null;

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(encodedPayload.ToString()), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, given[..written])) return null;

        try
        {
            return Base64Url.DecodeFromChars(encodedPayload);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
