using System.ComponentModel.DataAnnotations;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// The lifecycle of a shop's OAuth token beside its <see cref="InstalledShop"/> row (which holds the access
/// token): the refresh token, both expiry times, and whether the merchant must authorize again. A shop installed
/// before expiring tokens has no row: it holds a lifetime token.
/// </summary>
public sealed class ShopTokenState
{
    [Key, MaxLength(255)]
    public required string Domain { get; set; }

    /// <summary>Encrypted with Data Protection like the access token; replaced by every refresh.</summary>
    [MaxLength(2048)]
    public string? ProtectedRefreshToken { get; set; }

    /// <summary>When the current access token was issued and when it expires (from <c>expires_in</c>).</summary>
    public DateTimeOffset? AccessTokenIssuedAt { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>From <c>refresh_token_expires_in</c>.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; set; }

    public DateTimeOffset? LastRefreshedAt { get; set; }

    public int Refreshes { get; set; }

    /// <summary>Set when Shopify refused a refresh (or the token, with nothing to refresh it): sync stops until the next install.</summary>
    public DateTimeOffset? ReauthorizationRequiredAt { get; set; }

    [MaxLength(1024)]
    public string? ReauthorizationReason { get; set; }
}
