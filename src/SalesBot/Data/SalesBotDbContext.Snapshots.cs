using Microsoft.EntityFrameworkCore;
using SalesBot.Snapshots;

namespace SalesBot.Data;

public sealed partial class SalesBotDbContext
{
    public DbSet<SnapshotPublication> SnapshotPublications => Set<SnapshotPublication>();
    public DbSet<PendingSnapshot> PendingSnapshots => Set<PendingSnapshot>();
}
