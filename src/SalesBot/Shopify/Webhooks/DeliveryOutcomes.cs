using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Shopify.Sync;

namespace SalesBot.Shopify.Webhooks;

/// <summary>The one writer of a delivery's outcome: the processor for topics it handles, the sync queue for catalog changes.</summary>
public sealed class DeliveryOutcomes(IDbContextFactory<SalesBotDbContext> db, TimeProvider time) : IChangeReceipts
{
    private const int UpdateChunk = 500;

    /// <summary>What a previous run recorded but never finished, oldest first, for the processor to replay.</summary>
    public async Task<List<WebhookDelivery>> UnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.WebhookDeliveries.AsNoTracking().Where(d => d.ProcessedAt == null)
            .OrderBy(d => d.ReceivedAt).ToListAsync(cancellationToken);
    }

    /// <summary>ProcessedAt, Attempts and LastError of the deliveries; see <see cref="IChangeReceipts.MarkAsync"/>.</summary>
    public async Task<int> MarkAsync(IReadOnlyList<string> eventIds, bool processed, string? error, bool countAttempt, CancellationToken cancellationToken)
    {
        var step = countAttempt ? 1 : 0;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var reason = error is { Length: > 1000 } ? error[..1000] : error;
        var attempts = 0;
        foreach (var chunk in eventIds.Chunk(UpdateChunk))
        {
            var deliveries = context.WebhookDeliveries.Where(d => chunk.Contains(d.EventId));
            if (processed && reason is null)
                await deliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.ProcessedAt, now).SetProperty(d => d.Attempts, d => d.Attempts + step), cancellationToken);
            else if (processed)
                await deliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.ProcessedAt, now).SetProperty(d => d.LastError, reason)
                    .SetProperty(d => d.Attempts, d => d.Attempts + step), cancellationToken);
            else
            {
                await deliveries.ExecuteUpdateAsync(s => s.SetProperty(d => d.LastError, reason).SetProperty(d => d.Attempts, d => d.Attempts + step), cancellationToken);
                attempts = Math.Max(attempts, await deliveries.MaxAsync(d => (int?)d.Attempts, cancellationToken) ?? 0);
            }
        }
        return attempts;
    }
}
