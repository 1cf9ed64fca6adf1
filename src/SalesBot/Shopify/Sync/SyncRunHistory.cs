using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// The shop's recent sync runs, shared by every instance (the console's polling history and change chart). Each write
/// prunes the shop's rows to <see cref="HistoryRetention"/>; a failure to record never fails the sync itself.
/// </summary>
public sealed class SyncRunHistory(IDbContextFactory<SalesBotDbContext> db, ILogger<SyncRunHistory> logger)
{
    private const int MaxError = 1024;

    public async Task RecordAsync(string shop, SyncRunEntry run, CancellationToken cancellationToken)
    {
        try
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            context.SyncRuns.Add(new SyncRun
            {
                Shop = shop,
                StartedAt = run.StartedAt,
                Seconds = Math.Round(run.Seconds, 3),
                Kind = run.Kind,
                Fetch = run.Fetch,
                Added = run.Changes.Added,
                Updated = run.Changes.Updated,
                Removed = run.Changes.Removed,
                Unapplied = run.Unapplied,
                Queries = run.Queries,
                Cost = run.Cost,
                Outcome = run.Outcome,
                BucketAvailable = run.Bucket?.CurrentlyAvailable,
                BucketMaximum = run.Bucket?.MaximumAvailable,
                RestoreRate = run.Bucket?.RestoreRate,
                Error = run.Error is { Length: > MaxError } e ? e[..(MaxError - 1)] + "…" : run.Error,
            });
            await context.SaveChangesAsync(cancellationToken);

            var rows = context.SyncRuns.Where(r => r.Shop == shop);
            await rows.Where(r => r.StartedAt < run.StartedAt - HistoryRetention.Window).ExecuteDeleteAsync(cancellationToken);
            var oldestKept = await rows.OrderByDescending(r => r.StartedAt).Skip(HistoryRetention.MaxRowsPerShop - 1)
                .Select(r => (DateTimeOffset?)r.StartedAt).FirstOrDefaultAsync(cancellationToken);
            if (oldestKept is { } at) await rows.Where(r => r.StartedAt < at).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The catalog is synced either way; only the console's history misses a row.
            logger.LogWarning("Could not record the {Kind} sync of {Shop}: {Reason}", run.Kind, shop, e.Message);
        }
    }

    /// <summary>The shop's runs since <paramref name="since"/>, newest first.</summary>
    public async Task<IReadOnlyList<SyncRunEntry>> RecentAsync(string shop, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var rows = await context.SyncRuns.AsNoTracking().Where(r => r.Shop == shop && r.StartedAt >= since)
            .OrderByDescending(r => r.StartedAt).Take(HistoryRetention.MaxRowsPerShop).ToListAsync(cancellationToken);
        return rows.Select(SyncRunEntry.From).ToList();
    }

    /// <summary>For <c>shop/redact</c>.</summary>
    internal async Task EraseAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await context.SyncRuns.Where(r => r.Shop == shop).ExecuteDeleteAsync(cancellationToken);
    }
}
