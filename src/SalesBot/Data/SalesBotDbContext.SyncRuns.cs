using Microsoft.EntityFrameworkCore;
using SalesBot.Shopify.Sync;

namespace SalesBot.Data;

public sealed partial class SalesBotDbContext
{
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
}
