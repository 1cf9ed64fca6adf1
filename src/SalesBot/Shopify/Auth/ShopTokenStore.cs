using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Data;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Shops and their offline access tokens, encrypted at rest with Data Protection. Shops configured
/// with <c>SHOPIFY_ACCESS_TOKEN_&lt;shop&gt;</c> count as installed; a token from OAuth wins over the variable.
/// </summary>
public sealed class ShopTokenStore(
    IDbContextFactory<SalesBotDbContext> db,
    IDataProtectionProvider protection,
    IOptions<ShopifyOptions> options,
    TimeProvider time)
{
    private readonly IDataProtector _protector = protection.CreateProtector("SalesBot.Shopify.AccessToken.v1");

    public async Task SaveAsync(string shop, string accessToken, string scope, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Shops.FindAsync([shop], cancellationToken);
        if (row is null) context.Shops.Add(row = new InstalledShop { Domain = shop });
        row.ProtectedAccessToken = _protector.Protect(accessToken);
        row.Scope = scope;
        row.InstalledAt = time.GetUtcNow();
        row.UninstalledAt = null;
        await context.SaveChangesAsync(cancellationToken);
    }

    public async Task<string?> GetAccessTokenAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == shop, cancellationToken);
        if (row is { UninstalledAt: null, ProtectedAccessToken: { } protectedToken })
            return _protector.Unprotect(protectedToken);
        if (row is { UninstalledAt: not null }) return null;
        return options.Value.PreconfiguredTokens.GetValueOrDefault(shop);
    }

    /// <summary>Every shop the app should keep in sync: installed through OAuth or pre-configured.</summary>
    public async Task<IReadOnlyList<string>> ListActiveShopsAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rows = await context.Shops.AsNoTracking().Select(s => new { s.Domain, s.UninstalledAt, HasToken = s.ProtectedAccessToken != null })
            .ToListAsync(cancellationToken);
        var active = rows.Where(r => r.UninstalledAt is null && r.HasToken).Select(r => r.Domain);
        var uninstalled = rows.Where(r => r.UninstalledAt is not null).Select(r => r.Domain).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var preconfigured = options.Value.PreconfiguredTokens.Keys.Where(s => !uninstalled.Contains(s));
        return active.Union(preconfigured, StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<InstalledShop?> FindAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Shops.AsNoTracking().FirstOrDefaultAsync(s => s.Domain == shop, cancellationToken);
    }

    /// <summary>After <c>app/uninstalled</c>: the token is gone and the shop is no longer synced.</summary>
    public async Task MarkUninstalledAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.Shops.FindAsync([shop], cancellationToken);
        if (row is null) context.Shops.Add(row = new InstalledShop { Domain = shop, InstalledAt = time.GetUtcNow() });
        row.ProtectedAccessToken = null;
        row.UninstalledAt = time.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For <c>shop/redact</c>: forget the shop entirely.</summary>
    public async Task DeleteAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await context.Shops.Where(s => s.Domain == shop).ExecuteDeleteAsync(cancellationToken);
    }
}
