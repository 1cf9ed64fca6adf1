using Microsoft.EntityFrameworkCore;
using SalesBot.Catalog;
using SalesBot.Data;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Sync.Fetch;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>One full re-read of a shop's catalog, published if it changed; what the poll runs for each shop.</summary>
public sealed class FullSync(
    ShopAccessTokens tokens,
    ShopifyAdminClientFactory clients,
    CatalogFetcher fetcher,
    CatalogCache cache,
    ISnapshotPublisher publisher,
    DistributedLock locks,
    IDbContextFactory<SalesBotDbContext> db,
    SyncStatusStore status,
    SyncRunHistory history,
    TimeProvider time)
{
    /// <summary>
    /// The polling safety net: re-read everything and publish if it changed. Skipped when any instance
    /// did so within <paramref name="skipIfWithin"/>, so several instances do not each pay for the same poll.
    /// </summary>
    public async Task<SyncOutcome> ReconcileAsync(string shop, CancellationToken cancellationToken, TimeSpan? skipIfWithin = null)
    {
        using var activity = SyncTelemetry.StartRun("poll", shop);
        await using var held = await locks.AcquireAsync(IncrementalSync.LockName(shop), cancellationToken);
        if (await tokens.GetAsync(shop, cancellationToken) is null) return new SyncOutcome("skipped", 0, null);

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.ShopReconciliations.FindAsync([shop], cancellationToken);
        var now = time.GetUtcNow();
        if (skipIfWithin is { } window && row is not null && now - row.ReconciledAt < window)
            return new SyncOutcome("recent", 0, null);

        var started = time.GetTimestamp();
        var client = clients.Create(shop);
        ShopifyData data;
        CatalogData? before;
        try
        {
            // What storage held before, so the run can say what the poll found that webhooks had not brought.
            before = await cache.PreviousAsync(shop, cancellationToken);
            data = await fetcher.FetchAllAsync(client, null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var reason = SyncStatusStore.Describe(e);
            await status.RecordFailureAsync(shop, "poll", reason, 0, retrying: false, cancellationToken);
            await history.RecordAsync(shop, SyncRuns.Failure("poll", now, time.GetElapsedTime(started), client.Stats, 0, reason), cancellationToken);
            throw;
        }
        var outcome = await publisher.PublishAsync(cache, shop, data, "full", cancellationToken);
        await status.RecordSuccessAsync(shop, "poll", cancellationToken);
        await history.RecordAsync(shop, SyncRuns.Of("poll", now, time.GetElapsedTime(started), data.Extensions, CatalogDiff.Between(before, data.Data), outcome.Published), cancellationToken);
        if (row is null) context.ShopReconciliations.Add(new ShopReconciliation { Shop = shop, ReconciledAt = now });
        else row.ReconciledAt = now;
        await context.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}
