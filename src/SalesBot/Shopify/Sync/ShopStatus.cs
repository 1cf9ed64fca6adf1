using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// <c>GET /shopify/{shop}/status</c>: one section per part, null when that part knows nothing of the shop:
/// what Snapshots holds, how the live sync last went.
/// </summary>
public sealed record ShopStatus(string Shop, SnapshotStatus? Snapshot, SyncStatus? Sync = null, Auth.ShopTokenStatus? Authorization = null);
