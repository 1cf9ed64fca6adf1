using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Gives callers a token that works, so none of them handles expiry: an expiring token is refreshed a few minutes
/// before it expires, or when Shopify answers 401. Shopify replaces the refresh token on every use, so one refresh
/// per shop runs at a time across instances (lock <c>token:{shop}</c>, distinct from the catalog's <c>shop:{shop}</c>,
/// which a sync already holds); the stored pair is re-read under the lock, and a new pair is saved before it is used.
/// A refused refresh marks the shop as needing re-authorization: no further calls until the merchant installs again.
/// </summary>
public sealed class ShopAccessTokens(
    ShopTokenStore store,
    AccessTokenExchanger exchanger,
    DistributedLock locks,
    IOptions<AppOptions> app,
    IOptions<ShopifyOptions> options,
    TimeProvider time,
    ILogger<ShopAccessTokens> logger) : IAccessTokenSource
{
    /// <summary>From this day Shopify refuses Admin API calls of public apps made with a non-expiring offline token.</summary>
    public static readonly DateTimeOffset LifetimeTokenDeadline = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<string, bool> _lifetimeWarned = new(StringComparer.OrdinalIgnoreCase);

    public static string LockName(string shop) => "token:" + shop;

    public string LoginUrl(string shop) => $"{app.Value.BaseUrlTrimmed}/shopify/{shop}/login";

    /// <summary>A usable token for <paramref name="shop"/>, refreshed first when due; null when there is none to be had.</summary>
    /// <exception cref="ShopifyApiException">A refresh was due and Shopify could not be reached (retry later).</exception>
    public async Task<AccessGrant?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(shop, cancellationToken);
        if (stored is null || stored.NeedsReauthorization) return null;
        if (!stored.IsExpiring)
        {
            if (!stored.IsPreconfigured) WarnLifetimeOnce(shop);
            return new AccessGrant(stored.AccessToken, null);
        }
        if (stored.RenewAt > time.GetUtcNow()) return new AccessGrant(stored.AccessToken, stored.RenewAt);
        return await RefreshAsync(shop, stored.AccessToken, rejected: false, cancellationToken);
    }

    /// <summary>What <c>/shopify/{shop}/status</c> says of the shop's token; null when nothing is known of the shop.</summary>
    public async Task<ShopTokenStatus?> StatusAsync(string shop, CancellationToken cancellationToken) => ShopTokenStatus.From(
        shop, await store.FindAsync(shop, cancellationToken), await store.FindStateAsync(shop, cancellationToken),
        options.Value.PreconfiguredTokens.ContainsKey(shop), LoginUrl(shop));

    public Task<AccessGrant?> RenewAsync(string shop, string rejectedToken, CancellationToken cancellationToken) =>
        RefreshAsync(shop, rejectedToken, rejected: true, cancellationToken);

    private async Task<AccessGrant?> RefreshAsync(string shop, string staleToken, bool rejected, CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(LockName(shop), cancellationToken);
        // Whoever held the lock before may have refreshed already (this instance or another): then use what it stored.
        var stored = await store.GetAsync(shop, cancellationToken);
        if (stored is null || stored.NeedsReauthorization) return null;
        var now = time.GetUtcNow();
        if (!string.Equals(stored.AccessToken, staleToken, StringComparison.Ordinal) && (stored.RenewAt is null || stored.RenewAt > now))
            return new AccessGrant(stored.AccessToken, stored.RenewAt);
        if (stored.IsPreconfigured) return null; // a custom app's token cannot be refreshed; the caller reports the 401
        if (!stored.IsExpiring)
        {
            if (rejected)
                await MarkAsync(shop, "Shopify refused the shop's lifetime access token, and a lifetime token has no refresh token.", cancellationToken);
            return rejected ? null : new AccessGrant(stored.AccessToken, null);
        }

        AccessTokenResponse fresh;
        try
        {
            fresh = await exchanger.RefreshAsync(shop, stored.RefreshToken!, cancellationToken);
        }
        catch (TokenRefreshException e) when (e.IsRefused)
        {
            await MarkAsync(shop, e.Message, cancellationToken);
            return null;
        }
        catch (TokenRefreshException e)
        {
            throw new ShopifyApiException(e.Message, statusCode: 503, inner: e);
        }
        if (!fresh.IsExpiring)
            logger.LogWarning("Shopify answered the refresh for {Shop} with a token that does not expire", shop);

        // Saved before first use: if the app dies before the save, the old refresh token still works (Shopify keeps
        // it until the new access token is used), so the next refresh recovers.
        if (!await store.SaveRefreshedAsync(shop, fresh, cancellationToken)) return null;
        var saved = await store.GetAsync(shop, cancellationToken);
        logger.LogInformation("Refreshed the access token of {Shop}; it expires at {ExpiresAt:O}", shop, saved?.ExpiresAt);
        return saved is null ? null : new AccessGrant(saved.AccessToken, saved.RenewAt);
    }

    private async Task MarkAsync(string shop, string reason, CancellationToken cancellationToken)
    {
        if (await store.MarkNeedsReauthorizationAsync(shop, reason, cancellationToken))
            logger.LogWarning("{Shop} must authorize the app again: {Reason} Sync and polling of the shop are stopped until the merchant installs it again at {LoginUrl}",
                shop, reason, LoginUrl(shop));
    }

    private void WarnLifetimeOnce(string shop)
    {
        if (_lifetimeWarned.TryAdd(shop, true))
            logger.LogWarning("{Shop} still holds a lifetime access token, which Shopify refuses from {Deadline:yyyy-MM-dd}; the merchant should install the app again at {LoginUrl} to get an expiring one",
                shop, LifetimeTokenDeadline, LoginUrl(shop));
    }
}
