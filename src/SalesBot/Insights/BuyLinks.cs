using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;

namespace SalesBot.Insights;

/// <summary>What a tracked Buy link carries: whose click it is, which product, and the store URL it leads to.</summary>
public sealed record BuyLink(string Shop, string PageId, string ProductId, string? VariantId, string StoreUrl);

/// <summary>
/// Tracked Buy links: <c>{APP_BASE_URL}/go/{token}</c>, where the token is the <see cref="BuyLink"/> encrypted and
/// authenticated by Data Protection under a purpose of its own. The app only redirects to a URL it put in a token
/// itself (no open redirect), a click can only be counted for the shop and page the link was made for, and a
/// payload protected for another purpose (a page token, a session cookie) does not read. Data Protection keys are
/// shared by every instance (database or DATA_DIR) and retired keys still decrypt, so links in old conversations
/// keep working.
/// </summary>
public sealed class BuyLinks(IDataProtectionProvider protection, IOptions<AppOptions> appOptions)
{
    public const string Purpose = "SalesBot.Insights.BuyLink.v1";
    public const string PathPrefix = "/go/";

    /// <summary>Far above a real token (about 300 characters); anything longer is not read at all.</summary>
    public const int MaxTokenLength = 2048;

    private const byte Version = 1;
    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public string Track(BuyLink link) => appOptions.Value.BaseUrlTrimmed + PathPrefix + Protect(link);

    public string Protect(BuyLink link)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(link.Shop);
            writer.Write(link.PageId);
            writer.Write(link.ProductId);
            writer.Write(link.VariantId ?? "");
            writer.Write(link.StoreUrl);
        }
        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    /// <summary>The link a token was made for, or null for anything the app did not issue (forged, altered, garbled, another purpose).</summary>
    public BuyLink? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return null;
        try
        {
            var bytes = _protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            if (reader.ReadByte() != Version) return null;
            var link = new BuyLink(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString() is { Length: > 0 } v ? v : null, reader.ReadString());
            // Issued by us, so this holds; checked anyway so that nothing but a web address is ever sent as Location.
            return Uri.TryCreate(link.StoreUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? link : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or EndOfStreamException or IOException)
        {
            return null;
        }
    }
}

/// <summary>Makes the tracked Buy links of one reply, for one shop's page (see <see cref="InsightsRecorder.BuyLinksFor"/>).</summary>
public sealed class BuyLinkIssuer(BuyLinks links, string shop, string pageId)
{
    public string Track(string productId, string? variantId, string storeUrl) => links.Track(new BuyLink(shop, pageId, productId, variantId, storeUrl));
}
