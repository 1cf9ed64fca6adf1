using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Keeps webhook deliveries exactly as long as <see cref="DeliveryWindow"/> needs them: once an hour, processed rows
/// received more than the window ago are deleted (a copy of one would be stale now, so it is ignored, not re-applied).
/// Unprocessed rows stay until they are applied. Also erases a shop's deliveries for <c>shop/redact</c>.
/// </summary>
public sealed class DeliveryRetention(
    IDbContextFactory<SalesBotDbContext> db,
    TimeProvider time,
    ILogger<DeliveryRetention> logger) : BackgroundService
{
    public static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PruneInterval, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not prune old webhook deliveries");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes processed deliveries received before the window; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - DeliveryWindow.Length;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var pruned = await context.WebhookDeliveries.Where(d => d.ProcessedAt != null && d.ReceivedAt < before).ExecuteDeleteAsync(cancellationToken);
        if (pruned > 0) logger.LogInformation("Pruned {Count} webhook deliveries older than {Window}", pruned, DeliveryWindow.Length);
        return pruned;
    }

    /// <summary>Every delivery of the shop but <paramref name="keepEventId"/>; returns how many.</summary>
    public async Task<int> EraseShopAsync(string shop, string keepEventId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.WebhookDeliveries.Where(d => d.Shop == shop && d.EventId != keepEventId).ExecuteDeleteAsync(cancellationToken);
    }
}
