using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Shopify.Sync;

/// <summary>What the sync side holds for a shop besides the snapshot: its reconciliation and sync-state rows and the cached catalog.</summary>
public sealed class ShopSyncData(CatalogCache cache, SyncRunHistory history, IDbContextFactory<SalesBotDbContext> db)
{
    /// <summary>After an uninstall: the cached catalog is no longer edited, the next install re-reads the snapshot.</summary>
    public void Forget(string shop) => cache.Forget(shop);

    /// <summary>For <c>shop/redact</c>.</summary>
    public async Task EraseAsync(string shop, CancellationToken cancellationToken)
    {
        cache.Forget(shop);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await context.ShopReconciliations.Where(r => r.Shop == shop).ExecuteDeleteAsync(cancellationToken);
        await context.ShopSyncStates.Where(r => r.Shop == shop).ExecuteDeleteAsync(cancellationToken);
        await history.EraseAsync(shop, cancellationToken);
    }
}
