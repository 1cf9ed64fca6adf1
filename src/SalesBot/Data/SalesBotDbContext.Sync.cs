using Microsoft.EntityFrameworkCore;
using SalesBot.Shopify.Sync;

namespace SalesBot.Data;

public partial class SalesBotDbContext
{
    public DbSet<ShopReconciliation> ShopReconciliations => Set<ShopReconciliation>();
    public DbSet<ShopSyncState> ShopSyncStates => Set<ShopSyncState>();
}
