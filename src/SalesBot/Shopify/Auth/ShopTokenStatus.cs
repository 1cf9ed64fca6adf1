using SalesBot.Data;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// The <c>authorization</c> section of <c>GET /shopify/{shop}/status</c>: which token the app holds and whether the
/// merchant must act. <see cref="State"/> is <c>active</c>, <c>needs_reauthorization</c> (sync stopped),
/// <c>lifetime_token</c> (works until <see cref="Deadline"/>), <c>preconfigured</c> or <c>uninstalled</c>.
/// No token appears here.
/// </summary>
public sealed record ShopTokenStatus(
    string State,
    string Token,
    DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? RefreshTokenExpiresAt,
    DateTimeOffset? LastRefreshedAt,
    int Refreshes,
    DateTimeOffset? ReauthorizationRequiredAt,
    string? Reason,
    DateTimeOffset? Deadline,
    string? LoginUrl,
    string Message)
{
    public static ShopTokenStatus? From(string shop, InstalledShop? row, ShopTokenState? state, bool preconfigured, string loginUrl)
    {
        if (row is { UninstalledAt: not null })
            return new("uninstalled", "none", null, null, null, 0, null, null, null, loginUrl, $"{shop} uninstalled the app; installing it again at {loginUrl} resumes syncing.");
        if (row?.ProtectedAccessToken is null)
            return preconfigured
                ? new("preconfigured", "custom_app", null, null, null, 0, null, null, null, null, $"{shop} uses the custom-app token from SHOPIFY_ACCESS_TOKEN_<shop>.")
                : null;
        var expiring = state?.ProtectedRefreshToken is not null;
        var kind = expiring ? "expiring" : "lifetime";
        if (state?.ReauthorizationRequiredAt is { } since)
            return new("needs_reauthorization", kind, state.AccessTokenExpiresAt, state.RefreshTokenExpiresAt, state.LastRefreshedAt, state.Refreshes,
                since, state.ReauthorizationReason, null, loginUrl,
                $"{shop} must authorize the app again: sync and polling are stopped until the merchant installs it at {loginUrl}.");
        if (!expiring)
            return new("lifetime_token", kind, null, null, null, 0, null, null, ShopAccessTokens.LifetimeTokenDeadline, loginUrl,
                $"{shop} holds a lifetime token, which Shopify refuses from {ShopAccessTokens.LifetimeTokenDeadline:yyyy-MM-dd}; it works until then. Install again at {loginUrl} to get an expiring token.");
        return new("active", kind, state!.AccessTokenExpiresAt, state.RefreshTokenExpiresAt, state.LastRefreshedAt, state.Refreshes, null, null, null, null,
            $"{shop} holds an expiring token, refreshed automatically before it expires.");
    }
}
