using System.Globalization;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Signing;

namespace SalesBot.Shopify.Auth;

/// <summary>Checks an OAuth callback query: Shopify's HMAC over the other parameters, then the timestamp window.</summary>
public sealed class CallbackVerifier(IOptions<ShopifyOptions> options, TimeProvider time)
{
    public static readonly TimeSpan TimestampWindow = TimeSpan.FromSeconds(90);

    private readonly ShopifyQueryHmac _hmac = new(ShopifyCredentials.From(options.Value).ApiSecret);

    /// <summary>Null when the query is genuine and fresh; otherwise why not.</summary>
    public string? Verify(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var hmac = query.FirstOrDefault(p => p.Key == "hmac").Value;
        if (string.IsNullOrEmpty(hmac)) return "The callback has no hmac parameter.";
        if (!_hmac.IsValid(query, hmac)) return "The callback's hmac does not match: the request was not signed by Shopify.";

        var timestamp = query.FirstOrDefault(p => p.Key == "timestamp").Value;
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return "The callback has no valid timestamp.";
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > TimestampWindow) return "The callback's timestamp is stale; start the install again.";
        return null;
    }
}
