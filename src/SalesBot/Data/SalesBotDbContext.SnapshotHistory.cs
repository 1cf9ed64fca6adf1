using Microsoft.EntityFrameworkCore;
using SalesBot.Snapshots;

namespace SalesBot.Data;

public partial class SalesBotDbContext
{
    public DbSet<SnapshotPublishRecord> SnapshotPublishRecords => Set<SnapshotPublishRecord>();
}
