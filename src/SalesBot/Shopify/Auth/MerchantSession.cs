using System.Security.Claims;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Who is signed in: the shop and the staff member Shopify named when they signed in (online mode), as the claims of
/// the session cookie's principal. The online token itself is not kept: nothing needs it after sign-in.
/// </summary>
public sealed record MerchantSession(string Shop, long UserId, string? Email)
{
    /// <summary>The authorization policy of every merchant-only endpoint: a signed-in merchant of any shop.</summary>
    public const string Policy = "merchant";

    public const string ShopClaim = "salesbot:shop";
    public const string UserIdClaim = "salesbot:shopify_user_id";

    public ClaimsPrincipal ToPrincipal(string authenticationType) => new(new ClaimsIdentity(
    [
        // Antiforgery tokens are bound to this unique name, so a token minted for one merchant fails for another.
        new Claim(ClaimTypes.NameIdentifier, $"{Shop}/{UserId}"),
        new Claim(ShopClaim, Shop),
        new Claim(UserIdClaim, UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. Email is { Length: > 0 } email ? [new Claim(ClaimTypes.Email, email)] : Array.Empty<Claim>(),
    ], authenticationType));

    /// <summary>The session of an authenticated principal; null when there is none or it is not a merchant's.</summary>
    public static MerchantSession? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        if (user.FindFirst(ShopClaim)?.Value is not { Length: > 0 } shop) return null;
        if (!long.TryParse(user.FindFirst(UserIdClaim)?.Value, out var id)) return null;
        return new MerchantSession(shop, id, user.FindFirst(ClaimTypes.Email)?.Value);
    }
}
