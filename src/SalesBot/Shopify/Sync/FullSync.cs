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
    TimeProvider time)
{
    /// <summary>
    /// The polling safety net: re-read everything and publish if it changed. Skipped when any instance
    /// did so within <paramref name="skipIfWithin"/>, so several instances do not each pay for the same poll.
    /// </summary>
    public async Task<SyncOutcome> ReconcileAsync(string shop, CancellationToken cancellationToken, TimeSpan? skipIfWithin = null)
    {
        await using var held = await locks.AcquireAsync(IncrementalSync.LockName(shop), cancellationToken);
        if (await tokens.GetAsync(shop, cancellationToken) is null) return new SyncOutcome("skipped", 0, null);

        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var row = await context.ShopReconciliations.FindAsync([shop], cancellationToken);
        var now = time.GetUtcNow();
        if (skipIfWithin is { } window && row is not null && now - row.ReconciledAt < window)
            return new SyncOutcome("recent", 0, null);

        ShopifyData data;
        try
        {
            data = await fetcher.FetchAllAsync(clients.Create(shop), null, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await status.RecordFailureAsync(shop, "poll", SyncStatusStore.Describe(e), 0, retrying: false, cancellationToken);
            throw;
        }
        var outcome = await publisher.PublishAsync(cache, shop, data, "full", cancellationToken);
        await status.RecordSuccessAsync(shop, "poll", cancellationToken);
        if (row is null) context.ShopReconciliations.Add(new ShopReconciliation { Shop = shop, ReconciledAt = now });
        else row.ReconciledAt = now;
        await context.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}
