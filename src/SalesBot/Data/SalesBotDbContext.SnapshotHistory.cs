using Microsoft.EntityFrameworkCore;
using SalesBot.Snapshots;

namespace SalesBot.Data;

public sealed partial class SalesBotDbContext
{
    public DbSet<SnapshotPublishRecord> SnapshotPublishRecords => Set<SnapshotPublishRecord>();
}
