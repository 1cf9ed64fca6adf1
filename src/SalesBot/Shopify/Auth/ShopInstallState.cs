using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Whether a shop has uninstalled the app, read from the shops table every instance shares, so a page of an
/// uninstalled shop stops selling on every instance at once. A shop with no row (a pre-configured shop, or a
/// catalog published without OAuth) is not uninstalled.
/// </summary>
public sealed class ShopInstallState(IDbContextFactory<SalesBotDbContext> db)
{
    public async Task<bool> IsUninstalledAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Shops.AsNoTracking().AnyAsync(s => s.Domain == shop && s.UninstalledAt != null, cancellationToken);
    }

    /// <summary>Up to <paramref name="atMost"/> shops installed through OAuth and not uninstalled.</summary>
    public async Task<IReadOnlyList<string>> InstalledAsync(int atMost, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.Shops.AsNoTracking().Where(s => s.UninstalledAt == null).Select(s => s.Domain).Take(atMost).ToListAsync(cancellationToken);
    }
}
