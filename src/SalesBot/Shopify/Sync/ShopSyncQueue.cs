using System.Threading.Channels;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// Coalesces a burst of changes per shop: the first change opens a window of <c>SHOPIFY_SYNC_DEBOUNCE</c>,
/// everything that arrives in it is synced together (each item once), one sync per shop at a time. The
/// deliveries behind a batch are marked processed through <see cref="IChangeReceipts"/> (Webhooks owns them)
/// once it is applied, so a crash replays them. A failure that may pass (an outage, throttling) is retried a
/// few times; one that retrying cannot fix, or that outlasts those retries, is recorded on the shop's status
/// and left to the next full poll.
/// </summary>
public sealed class ShopSyncQueue(
    IncrementalSync sync,
    SyncStatusStore status,
    SyncRunHistory history,
    IChangeReceipts receipts,
    IOptions<ShopifyOptions> options,
    TimeProvider time,
    ILogger<ShopSyncQueue> logger) : BackgroundService
{
    /// <summary>Waits before each retry of a batch that failed for a passing reason; attempts counted per delivery, across restarts.</summary>
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ChangeBatch> _pending = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _scheduled = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<string> _due = Channel.CreateUnbounded<string>();
    private CancellationToken _stopping = CancellationToken.None;

    public void Enqueue(string shop, CatalogChange change)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(shop, out var batch)) _pending[shop] = batch = new ChangeBatch();
            batch.Add(change);
            if (!_scheduled.Add(shop)) return;
        }
        _ = ReleaseAfterAsync(shop, options.Value.SyncDebounce);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        var tasks = new List<Task>();
        await foreach (var shop in _due.Reader.ReadAllAsync(stoppingToken))
        {
            tasks.RemoveAll(t => t.IsCompleted);
            tasks.Add(RunAsync(shop, stoppingToken));
        }
        await Task.WhenAll(tasks);
    }

    private async Task RunAsync(string shop, CancellationToken stoppingToken)
    {
        ChangeBatch batch;
        lock (_gate)
        {
            batch = _pending.Remove(shop, out var pending) ? pending : new ChangeBatch();
        }
        // The shop stays "scheduled" while it syncs, so changes arriving now wait for the next round.
        SyncOutcome? outcome = null;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        try
        {
            if (batch.Count > 0)
            {
                outcome = await sync.ApplyAsync(shop, batch.Changes, stoppingToken);
                await FinishAsync(batch, outcome, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            if (await FailAsync(shop, batch, e, startedAt, time.GetElapsedTime(started), stoppingToken) is { } delay)
            {
                lock (_gate)
                {
                    // The failed batch goes back in front; changes that arrived meanwhile merge into it.
                    if (_pending.Remove(shop, out var newer)) batch.Merge(newer);
                    _pending[shop] = batch;
                }
                _ = ReleaseAfterAsync(shop, delay);
                return;
            }
        }

        bool again;
        lock (_gate)
        {
            again = _pending.ContainsKey(shop);
            if (!again) _scheduled.Remove(shop);
        }
        if (again) _ = ReleaseAfterAsync(shop, options.Value.SyncDebounce);
    }

    /// <summary>Applied: every delivery is done; those naming an item Shopify refused to read keep the reason.</summary>
    private async Task FinishAsync(ChangeBatch batch, SyncOutcome outcome, CancellationToken cancellationToken)
    {
        var refused = batch.EventIdsOf(outcome.Unapplied ?? []);
        await receipts.MarkAsync(batch.EventIds.Except(refused, StringComparer.Ordinal).ToList(), processed: true, null, countAttempt: true, cancellationToken);
        if (refused.Count > 0) await receipts.MarkAsync(refused, processed: true, outcome.Failure, countAttempt: true, cancellationToken);
    }

    /// <summary>Counts the failed attempt; returns when to retry, or null when the batch is given up (left to the next poll).</summary>
    private async Task<TimeSpan?> FailAsync(string shop, ChangeBatch batch, Exception e, DateTimeOffset startedAt, TimeSpan took, CancellationToken cancellationToken)
    {
        var reason = SyncStatusStore.Describe(e);
        var passing = e is not ShopifyApiException api || (api.IsTransient && !api.IsUnauthorized);
        // Attempts live on the deliveries, so a restart in the middle does not start the count again.
        var attempts = Math.Max(++batch.Failures, await receipts.MarkAsync(batch.EventIds, processed: false, reason, countAttempt: true, cancellationToken));
        var retry = passing && attempts <= RetryDelays.Length;
        await status.RecordFailureAsync(shop, "incremental", reason, batch.Count, retry, cancellationToken);
        await history.RecordAsync(shop, SyncRuns.Failure("incremental", startedAt, took, null, batch.Count, reason), cancellationToken);
        if (retry)
        {
            var delay = RetryDelays[attempts - 1];
            logger.LogWarning("Sync of {Shop} failed ({Reason}); retrying {Count} changes in {Delay}s", shop, reason, batch.Count, delay.TotalSeconds);
            return delay;
        }
        // A refused token, a refusal retrying cannot fix, or an outage that outlasted the retries: the next full poll heals.
        logger.LogWarning("Sync of {Shop} gave up on {Count} changes ({Deliveries} deliveries): {Reason}; the next full poll re-reads them",
            shop, batch.Count, batch.Deliveries, reason);
        await receipts.MarkAsync(batch.EventIds, processed: true, null, countAttempt: false, cancellationToken);
        return null;
    }

    private async Task ReleaseAfterAsync(string shop, TimeSpan delay)
    {
        try
        {
            if (delay > TimeSpan.Zero) await Task.Delay(delay, time, _stopping);
            _due.Writer.TryWrite(shop);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the unprocessed deliveries are replayed from the database at the next start.
        }
    }
}
