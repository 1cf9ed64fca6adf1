namespace SalesBot.Shopify.Auth;

/// <summary>A shop's token as stored, decrypted: never logged or returned (its <see cref="ToString"/> shows no secret).</summary>
public sealed record StoredShopToken(
    string AccessToken,
    string? RefreshToken,
    DateTimeOffset? IssuedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RefreshTokenExpiresAt,
    DateTimeOffset? ReauthorizationRequiredAt,
    string? ReauthorizationReason,
    bool IsPreconfigured)
{
    public static StoredShopToken Preconfigured(string token) => new(token, null, null, null, null, null, null, IsPreconfigured: true);

    /// <summary>An expiring token from OAuth, which can be refreshed.</summary>
    public bool IsExpiring => RefreshToken is not null && ExpiresAt is not null;

    public bool NeedsReauthorization => ReauthorizationRequiredAt is not null;

    /// <summary>
    /// When to refresh: a few minutes before expiry (5, or a fifth of the lifetime for short-lived tokens, so a token of
    /// seconds in a test is not refreshed on every call). Null for tokens that do not expire.
    /// </summary>
    public DateTimeOffset? RenewAt
    {
        get
        {
            if (!IsExpiring) return null;
            var lifetime = IssuedAt is { } issued ? ExpiresAt!.Value - issued : TimeSpan.FromHours(1);
            var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, Math.Max(lifetime.Ticks / 5, 0)));
            return ExpiresAt!.Value - margin;
        }
    }

    public override string ToString() =>
        $"StoredShopToken({(IsPreconfigured ? "preconfigured" : IsExpiring ? $"expiring at {ExpiresAt:O}" : "lifetime")}{(NeedsReauthorization ? ", needs re-authorization" : "")})";
}
