using Microsoft.EntityFrameworkCore;
using SalesBot.Shopify.Sync;

namespace SalesBot.Data;

public partial class SalesBotDbContext
{
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
}
