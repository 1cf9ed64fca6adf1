using Microsoft.EntityFrameworkCore;
using SalesBot.Snapshots;

namespace SalesBot.Data;

public partial class SalesBotDbContext
{
    public DbSet<SnapshotPublication> SnapshotPublications => Set<SnapshotPublication>();
    public DbSet<PendingSnapshot> PendingSnapshots => Set<PendingSnapshot>();
}
