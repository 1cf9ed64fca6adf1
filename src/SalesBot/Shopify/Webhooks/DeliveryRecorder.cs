using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// The one writer of webhook deliveries: concurrent requests queue here and are written together, one
/// transaction (and one disk flush) per batch, each request answered only once its row is committed.
/// Group commit keeps every 200 durable while SQLite, which takes one writer at a time, is never made
/// to wait on itself; duplicates (same event id, in the batch or already stored) are found in one query.
/// </summary>
public sealed class DeliveryRecorder(IDbContextFactory<SalesBotDbContext> db, ILogger<DeliveryRecorder> logger) : BackgroundService
{
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>True when the delivery was stored now, false when its event id was already stored.</summary>
    public async Task<bool> RecordAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var pending = new Pending(delivery, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return await pending.Stored.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                await WriteAsync(batch, stoppingToken);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not record {Count} webhook deliveries", batch.Count);
                foreach (var p in batch) p.Stored.TrySetException(e);
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        var ids = batch.Select(p => p.Delivery.EventId).Distinct().ToList();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var stored = (await context.WebhookDeliveries.Where(d => ids.Contains(d.EventId)).Select(d => d.EventId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var fresh = new List<Pending>();
        foreach (var p in batch)
            if (stored.Add(p.Delivery.EventId)) fresh.Add(p);   // the first copy in the batch wins
        context.WebhookDeliveries.AddRange(fresh.Select(p => p.Delivery));
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (fresh.Count > 0)
        {
            // Another instance stored one of these ids between the query and the insert: settle them one by one.
            await WriteOneByOneAsync(fresh, cancellationToken);
            foreach (var p in batch.Except(fresh)) p.Stored.TrySetResult(false);
            return;
        }
        foreach (var p in batch) p.Stored.TrySetResult(fresh.Contains(p));
    }

    private async Task WriteOneByOneAsync(List<Pending> fresh, CancellationToken cancellationToken)
    {
        foreach (var p in fresh)
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            context.WebhookDeliveries.Add(p.Delivery);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                p.Stored.TrySetResult(true);
            }
            catch (DbUpdateException e)
            {
                if (await ExistsAsync(p.Delivery.EventId, cancellationToken)) p.Stored.TrySetResult(false);
                else p.Stored.TrySetException(e);
            }
        }
    }

    private async Task<bool> ExistsAsync(string eventId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.WebhookDeliveries.AnyAsync(d => d.EventId == eventId, cancellationToken);
    }

    private sealed record Pending(WebhookDelivery Delivery, TaskCompletionSource<bool> Stored);
}
