using Microsoft.Extensions.Options;
using SalesBot.Assistant;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Webhooks;
using SalesBot.Snapshots;

namespace SalesBot.MerchantConsole.OverviewModel;

/// <summary>
/// Builds the overview of the signed-in shop from each owner's service: Auth (token), Snapshots (publish state and
/// history), the Assistant's <see cref="CatalogProvider"/> (counts of the snapshot the bot answers from), Sync (runs,
/// last failure), Webhooks (health) and Admin (last query cost). Nothing here reads a table.
/// </summary>
public sealed class ShopOverviewReader(
    ShopAccessTokens tokens,
    SnapshotPublisher snapshots,
    CatalogProvider catalogs,
    SyncStatusStore syncStatus,
    SyncRunHistory runs,
    WebhookHealthLog webhooks,
    ShopThrottleRegistry throttles,
    FullSync fullSync,
    IOptions<ShopifyOptions> shopify,
    TimeProvider time,
    ILogger<ShopOverviewReader> logger)
{
    public const int ChartDays = 30;

    /// <summary>A merchant's "check now" poll is skipped when any poll ran this recently: each full read costs Shopify points.</summary>
    public static readonly TimeSpan PollNowCooldown = TimeSpan.FromMinutes(1);

    public async Task<ShopOverview> ReadAsync(string shop, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var days = Enumerable.Range(0, ChartDays).Select(i => today.AddDays(i - ChartDays + 1)).ToList();
        var since = new DateTimeOffset(days[0].ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var authorization = await tokens.StatusAsync(shop, cancellationToken);
        var snapshot = await snapshots.StatusAsync(shop, cancellationToken);
        var publishes = await snapshots.HistoryAsync(shop, since, cancellationToken);
        var sync = await syncStatus.GetAsync(shop, cancellationToken);
        var history = await runs.RecentAsync(shop, since, cancellationToken);
        var health = await webhooks.GetAsync(shop, cancellationToken);

        return new ShopOverview(shop, authorization, snapshot, await CountsAsync(shop, snapshot, cancellationToken), publishes, sync, history,
            shopify.Value.PollInterval, health, throttles.Usage(shop), days,
            PerDay(days, history.Select(r => (r.StartedAt, (long)r.Changes.Changed))),
            PerDay(days, publishes.Where(p => p.Outcome == PublishResult.Success).Select(p => (p.At, 1L))));
    }

    /// <summary>Re-reads the whole catalog now, as the poll does; null when a poll ran within <see cref="PollNowCooldown"/>.</summary>
    public async Task<SyncOutcome?> PollNowAsync(string shop, CancellationToken cancellationToken)
    {
        var outcome = await fullSync.ReconcileAsync(shop, cancellationToken, skipIfWithin: PollNowCooldown);
        return outcome.Mode == "recent" ? null : outcome;
    }

    /// <summary>
    /// From the assistant's index: the snapshot the bot answers from, loaded once per process and re-checked with one
    /// HEAD at most every 30 s, so an overview costs no download. Snapshots cannot count (it holds bytes, not a
    /// catalog) and the sync's cache is its editing copy, not necessarily what shoppers get.
    /// </summary>
    private async Task<CatalogCounts?> CountsAsync(string shop, SnapshotStatus? snapshot, CancellationToken cancellationToken)
    {
        if (snapshot?.PublishedHash is null) return null;
        try
        {
            return (await catalogs.GetAsync(shop, cancellationToken))?.Counts;
        }
        catch (SnapshotStoreException e)
        {
            logger.LogWarning("Could not read the snapshot of {Shop} for its counts: {Reason}", shop, e.Reason);
            return null;
        }
    }

    private static List<long> PerDay(IReadOnlyList<DateOnly> days, IEnumerable<(DateTimeOffset At, long Value)> items)
    {
        var values = new long[days.Count];
        foreach (var (at, value) in items)
        {
            var index = DateOnly.FromDateTime(at.UtcDateTime).DayNumber - days[0].DayNumber;
            if (index >= 0 && index < values.Length) values[index] += value;
        }
        return [.. values];
    }
}
