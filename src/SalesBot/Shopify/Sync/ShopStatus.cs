using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// <c>GET /shopify/{shop}/status</c>: one section per part, null when that part knows nothing of the shop:
/// what Snapshots holds, how the live sync last went, the recent publishes and sync runs, and the last Admin API cost.
/// Webhook health and catalog counts are the console's only: Webhooks and the Assistant sit outside Sync's arrows.
/// </summary>
public sealed record ShopStatus(
    string Shop,
    SnapshotStatus? Snapshot,
    SyncStatus? Sync = null,
    Auth.ShopTokenStatus? Authorization = null,
    IReadOnlyList<SnapshotPublishEntry>? Publishes = null,
    IReadOnlyList<SyncRunEntry>? SyncRuns = null,
    Admin.AdminApiUsage? AdminApi = null);
