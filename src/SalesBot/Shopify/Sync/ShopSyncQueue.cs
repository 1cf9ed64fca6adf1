using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Data;

namespace SalesBot.Shopify.Sync;

/// <summary>
/// Coalesces a burst of changes per shop: the first change opens a window of <c>SHOPIFY_SYNC_DEBOUNCE</c>,
/// everything that arrives in it is synced together, one sync per shop at a time. The deliveries behind
/// a batch are marked processed only after it is applied, so a crash replays them.
/// </summary>
public sealed class ShopSyncQueue(
    IncrementalSync sync,
    IDbContextFactory<SalesBotDbContext> db,
    IOptions<ShopifyOptions> options,
    TimeProvider time,
    ILogger<ShopSyncQueue> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<CatalogChange>> _pending = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _scheduled = new(StringComparer.OrdinalIgnoreCase);
    private readonly Channel<string> _due = Channel.CreateUnbounded<string>();
    private CancellationToken _stopping = CancellationToken.None;

    /// <summary>Raised after each batch, for tests and status: shop, outcome (null when it failed).</summary>
    public event Action<string, SyncOutcome?>? Synced;

    public void Enqueue(string shop, CatalogChange change)
    {
        lock (_gate)
        {
            if (!_pending.TryGetValue(shop, out var list)) _pending[shop] = list = [];
            list.Add(change);
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
        List<CatalogChange> batch;
        lock (_gate)
        {
            batch = _pending.Remove(shop, out var list) ? list : [];
        }
        // The shop stays "scheduled" while it syncs, so changes arriving now wait for the next round.
        SyncOutcome? outcome = null;
        try
        {
            if (batch.Count > 0)
            {
                outcome = await sync.ApplyAsync(shop, batch, stoppingToken);
                await MarkProcessedAsync(batch, null, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Admin.ShopifyApiException e) when (e.IsUnauthorized)
        {
            // A refused token will not heal by retrying; the next install or poll starts over.
            logger.LogWarning("Sync of {Shop} dropped: {Reason}", shop, e.Message);
            await MarkProcessedAsync(batch, null, stoppingToken);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sync of {Shop} failed; retrying {Count} changes in {Delay}s", shop, batch.Count, RetryDelay.TotalSeconds);
            await MarkProcessedAsync(batch, e.Message, stoppingToken);
            lock (_gate)
            {
                if (!_pending.TryGetValue(shop, out var list)) _pending[shop] = list = [];
                list.InsertRange(0, batch);
            }
            _ = ReleaseAfterAsync(shop, RetryDelay);
            Synced?.Invoke(shop, null);
            return;
        }

        Synced?.Invoke(shop, outcome);
        bool again;
        lock (_gate)
        {
            again = _pending.ContainsKey(shop);
            if (!again) _scheduled.Remove(shop);
        }
        if (again) _ = ReleaseAfterAsync(shop, options.Value.SyncDebounce);
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

    /// <summary>Success stamps ProcessedAt; a failure only counts the attempt and keeps the reason.</summary>
    private async Task MarkProcessedAsync(IReadOnlyList<CatalogChange> batch, string? error, CancellationToken cancellationToken)
    {
        var ids = batch.Select(c => c.EventId).Distinct().ToList();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (error is null)
            await context.WebhookDeliveries.Where(d => ids.Contains(d.EventId))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ProcessedAt, now).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        else
        {
            var reason = error.Length > 1000 ? error[..1000] : error;
            await context.WebhookDeliveries.Where(d => ids.Contains(d.EventId))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LastError, reason).SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        }
    }
}
