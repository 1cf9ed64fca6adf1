using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Data;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Shops and their offline tokens (access and refresh), encrypted at rest with Data Protection. Shops configured
/// with <c>SHOPIFY_ACCESS_TOKEN_&lt;shop&gt;</c> count as installed; a token from OAuth wins over the variable.
/// Callers that need a token to call Shopify with use <see cref="ShopAccessTokens"/>, which refreshes it.
/// </summary>
public sealed class ShopTokenStore(
    IDbContextFactory<SalesBotDbContext> db,
    IDataProtectionProvider protection,
    IOptions<ShopifyOptions> options,
    TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SalesBot.Shopify.AccessToken.v1");
    private readonly IDataProtector _refreshProtector = protection.CreateProtector("SalesBot.Shopify.RefreshToken.v1");

    /// <summary>After an install: the new token replaces whatever was held, and a pending re-authorization is cleared.</summary>
    public async Task SaveAsync(string shop, AccessTokenResponse token, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Shops.FindAsync([shop], cancellationToken);
        if (row is null) context.Shops.Add(row = new InstalledShop { Domain = shop });
        row.ProtectedAccessToken = _protector.Protect(token.AccessToken);
        row.Scope = token.Scope ?? "";
        row.InstalledAt = time.GetUtcNow();
        row.UninstalledAt = null;

        var state = await context.ShopTokenStates.FindAsync([shop], cancellationToken);
        if (state is null) context.ShopTokenStates.Add(state = new ShopTokenState { Domain = shop });
        Apply(state, token);
        state.Refreshes = 0;
        state.LastRefreshedAt = null;
        state.ReauthorizationRequiredAt = null;
        state.ReauthorizationReason = null;
        // One SaveChanges is one transaction: the access and refresh tokens are never stored apart.
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>After a refresh: the new pair replaces the old one. False when the shop was uninstalled or erased meanwhile.</summary>
    public async Task<bool> SaveRefreshedAsync(string shop, AccessTokenResponse token, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Shops.FindAsync([shop], cancellationToken);
        var state = await context.ShopTokenStates.FindAsync([shop], cancellationToken);
        if (row is not { UninstalledAt: null } || state is null) return false;
        row.ProtectedAccessToken = _protector.Protect(token.AccessToken);
        if (token.Scope is { Length: > 0 } scope) row.Scope = scope;
        Apply(state, token);
        state.Refreshes++;
        state.LastRefreshedAt = time.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Marks the shop as needing the merchant to authorize again; true only for the call that set it.</summary>
    public async Task<bool> MarkNeedsReauthorizationAsync(string shop, string reason, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var state = await context.ShopTokenStates.FindAsync([shop], cancellationToken);
        if (state is null) context.ShopTokenStates.Add(state = new ShopTokenState { Domain = shop });
        else if (state.ReauthorizationRequiredAt is not null) return false;
        state.ReauthorizationRequiredAt = time.GetUtcNow();
        state.ReauthorizationReason = reason.Length > 1024 ? reason[..1024] : reason;
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The shop's token as held now (possibly expired), or null when the shop is not installed.</summary>
    public async Task<StoredShopToken?> GetAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == shop, cancellationToken);
        if (row is { UninstalledAt: not null }) return null;
        if (row is not { ProtectedAccessToken: { } protectedToken })
            return options.Value.PreconfiguredTokens.GetValueOrDefault(shop) is { } configured ? StoredShopToken.Preconfigured(configured) : null;
        var state = await context.ShopTokenStates.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == shop, cancellationToken);
        return new StoredShopToken(
            _protector.Unprotect(protectedToken),
            state?.ProtectedRefreshToken is { } protectedRefresh ? _refreshProtector.Unprotect(protectedRefresh) : null,
            state?.AccessTokenIssuedAt, state?.AccessTokenExpiresAt, state?.RefreshTokenExpiresAt,
            state?.ReauthorizationRequiredAt, state?.ReauthorizationReason, IsPreconfigured: false);
    }

    /// <summary>The stored access token, expired or not; <see cref="ShopAccessTokens"/> gives one that works.</summary>
    public async Task<string?> GetAccessTokenAsync(string shop, CancellationToken cancellationToken) =>
        (await GetAsync(shop, cancellationToken))?.AccessToken;

    /// <summary>Every shop the app should keep in sync: installed through OAuth or pre-configured, and not waiting for re-authorization.</summary>
    public async Task<IReadOnlyList<string>> ListActiveShopsAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rows = await context.Shops.AsNoTracking().Select(s => new { s.Domain, s.UninstalledAt, HasToken = s.ProtectedAccessToken != null })
            .ToListAsync(cancellationToken);
        var blocked = (await context.ShopTokenStates.AsNoTracking().Where(s => s.ReauthorizationRequiredAt != null).Select(s => s.Domain)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var active = rows.Where(r => r.UninstalledAt is null && r.HasToken && !blocked.Contains(r.Domain)).Select(r => r.Domain);
        var uninstalled = rows.Where(r => r.UninstalledAt is not null).Select(r => r.Domain).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var preconfigured = options.Value.PreconfiguredTokens.Keys.Where(s => !uninstalled.Contains(s));
        return active.Union(preconfigured, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<InstalledShop?> FindAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == shop, cancellationToken);
    }

    public async Task<ShopTokenState?> FindStateAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.ShopTokenStates.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == shop, cancellationToken);
    }

    /// <summary>After <c>app/uninstalled</c>: the tokens are gone and the shop is no longer synced.</summary>
    /// <summary>True while the shop has uninstalled the app (until it installs again); sessions of such a shop are refused.</summary>
    public async Task<bool> IsUninstalledAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Shops.AnyAsync(s => s.Domain == shop && s.UninstalledAt != null, cancellationToken);
    }

    public async Task MarkUninstalledAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Shops.FindAsync([shop], cancellationToken);
        if (row is null) context.Shops.Add(row = new InstalledShop { Domain = shop, InstalledAt = time.GetUtcNow() });
        row.ProtectedAccessToken = null;
        row.UninstalledAt = time.GetUtcNow();
        if (await context.ShopTokenStates.FindAsync([shop], cancellationToken) is { } state) context.ShopTokenStates.Remove(state);
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For <c>shop/redact</c>: forget the shop entirely.</summary>
    public async Task DeleteAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await context.ShopTokenStates.Where(s => s.Domain == shop).ExecuteDeleteAsync(cancellationToken);
        await context.Shops.Where(s => s.Domain == shop).ExecuteDeleteAsync(cancellationToken);
    }

    private void Apply(ShopTokenState state, AccessTokenResponse token)
    {
        var now = time.GetUtcNow();
        var expiring = token.IsExpiring;
        state.ProtectedRefreshToken = expiring ? _refreshProtector.Protect(token.RefreshToken!) : null;
        state.AccessTokenIssuedAt = expiring ? now : null;
        state.AccessTokenExpiresAt = expiring ? now.AddSeconds(token.ExpiresIn!.Value) : null;
        state.RefreshTokenExpiresAt = expiring && token.RefreshTokenExpiresIn is > 0 ? now.AddSeconds(token.RefreshTokenExpiresIn.Value) : null;
    }
}
