using SalesBot.Assistant;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Webhooks;
using SalesBot.Snapshots;

namespace SalesBot.MerchantConsole.OverviewModel;

/// <summary>Everything the overview shows for one shop, each section read from the part that owns it.</summary>
public sealed record ShopOverview(
    string Shop,
    ShopTokenStatus? Authorization,
    SnapshotStatus? Snapshot,
    CatalogCounts? Counts,
    IReadOnlyList<SnapshotPublishEntry> Publishes,
    SyncStatus? Sync,
    IReadOnlyList<SyncRunEntry> Runs,
    TimeSpan PollInterval,
    WebhookHealth Webhooks,
    AdminApiUsage? AdminApi,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyList<long> ChangesPerDay,
    IReadOnlyList<long> PublishesPerDay)
{
    /// <summary>The reconciliation polls among the runs, newest first.</summary>
    public IEnumerable<SyncRunEntry> Polls => Runs.Where(r => r.Kind == "poll");

    /// <summary>The newest sync of any kind, the install's included (the sync state records only webhook and poll syncs).</summary>
    public (DateTimeOffset At, string Kind)? LastSync =>
        Runs.FirstOrDefault() is { } run && (Sync?.LastSyncAt is not { } at || run.StartedAt > at) ? (run.StartedAt, run.Kind)
        : Sync?.LastSyncAt is { } syncedAt ? (syncedAt, Sync.LastSyncMode ?? "sync") : null;

    /// <summary>The last run that read the catalog and said what its queries cost.</summary>
    public SyncRunEntry? LastCostedRun => Runs.FirstOrDefault(r => r.Queries > 0);

    /// <summary>
    /// The bucket as this instance last saw it, or else as the last sync run left it (recorded by whichever instance
    /// ran it): (available, maximum, restore rate, when).
    /// </summary>
    public (double Available, double Maximum, double RestoreRate, DateTimeOffset? At)? Bucket =>
        AdminApi?.Throttle is { } live ? (live.CurrentlyAvailable, live.MaximumAvailable, live.RestoreRate, AdminApi.ObservedAt)
        : Runs.FirstOrDefault(r => r.Bucket is not null) is { Bucket: { } b } run ? (b.CurrentlyAvailable, b.MaximumAvailable, b.RestoreRate, run.StartedAt + TimeSpan.FromSeconds(run.Seconds))
        : null;
}
