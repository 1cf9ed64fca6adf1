using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Records what the console's webhook health needs beyond the deliveries themselves (the registered subscriptions,
/// refused signed deliveries) and reads it back together with the deliveries of the window. Reads only; the
/// deliveries' writers stay <see cref="DeliveryRecorder"/>, <see cref="DeliveryOutcomes"/> and <see cref="DeliveryRetention"/>.
/// </summary>
public sealed class WebhookHealthLog(IDbContextFactory<SalesBotDbContext> db, TimeProvider time, ILogger<WebhookHealthLog> logger)
{
    /// <summary>The most deliveries read to compute the lag; a shop busier than this in 12 hours is measured on its latest.</summary>
    private const int MaxDeliveriesRead = 5000;
    private const int MaxListed = 20;

    /// <summary>Replaces the shop's subscriptions with what a registration just left at Shopify.</summary>
    public async Task RecordSubscriptionsAsync(string shop, IReadOnlyList<(string Topic, string Address, string? Id)> subscriptions, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.WebhookSubscriptionRecords.Where(s => s.Shop == shop).ExecuteDeleteAsync(cancellationToken);
        context.WebhookSubscriptionRecords.AddRange(subscriptions.Select(s => new WebhookSubscriptionRecord
        {
            Shop = shop, Topic = s.Topic, Address = s.Address, SubscriptionId = s.Id, RegisteredAt = now,
        }));
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>After an uninstall Shopify has deleted the app's subscriptions; for <c>shop/redact</c> too.</summary>
    public async Task ForgetAsync(string shop, bool rejections, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await context.WebhookSubscriptionRecords.Where(s => s.Shop == shop).ExecuteDeleteAsync(cancellationToken);
        if (rejections) await context.WebhookRejections.Where(s => s.Shop == shop).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A signed delivery that was not recorded; never fails the answer to Shopify.</summary>
    public async Task RecordRejectionAsync(string shop, string? topic, string reason, CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            context.WebhookRejections.Add(new WebhookRejection
            {
                Shop = shop, At = now, Topic = topic is { Length: > 64 } ? topic[..64] : topic, Reason = reason.Length > 255 ? reason[..255] : reason,
            });
            await context.SaveChangesAsync(cancellationToken);
            var rows = context.WebhookRejections.Where(r => r.Shop == shop);
            await rows.Where(r => r.At < now - HistoryRetention.Window).ExecuteDeleteAsync(cancellationToken);
            var oldestKept = await rows.OrderByDescending(r => r.At).Skip(HistoryRetention.MaxRowsPerShop - 1)
                .Select(r => (DateTimeOffset?)r.At).FirstOrDefaultAsync(cancellationToken);
            if (oldestKept is { } at) await rows.Where(r => r.At < at).ExecuteDeleteAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not record a refused delivery for {Shop}: {Reason}", shop, e.Message);
        }
    }

    public async Task<WebhookHealth> GetAsync(string shop, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now - DeliveryWindow.Length;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var subscriptions = await context.WebhookSubscriptionRecords.AsNoTracking().Where(s => s.Shop == shop).OrderBy(s => s.Topic)
            .Select(s => new WebhookSubscriptionEntry(s.Topic, s.Address, s.RegisteredAt)).ToListAsync(cancellationToken);
        var deliveries = await context.WebhookDeliveries.AsNoTracking().Where(d => d.Shop == shop && d.ReceivedAt >= since)
            .OrderByDescending(d => d.ReceivedAt).Take(MaxDeliveriesRead)
            .Select(d => new WebhookDeliveryEntry(d.Topic, d.TriggeredAt, d.ReceivedAt, d.ProcessedAt, d.Attempts, d.LastError))
            .ToListAsync(cancellationToken);
        var rejections = await context.WebhookRejections.AsNoTracking().Where(r => r.Shop == shop && r.At >= now - HistoryRetention.Window)
            .OrderByDescending(r => r.At).Take(MaxListed)
            .Select(r => new WebhookRejectionEntry(r.At, r.Topic, r.Reason)).ToListAsync(cancellationToken);

        var failed = deliveries.Where(d => d.Error is not null).ToList();
        return new WebhookHealth(
            subscriptions,
            DeliveryWindow.Length,
            deliveries.Count,
            deliveries.FirstOrDefault(),
            deliveries.Count == 0 ? null : TimeSpan.FromTicks((long)deliveries.Average(d => d.Lag.Ticks)),
            deliveries.Count == 0 ? null : deliveries.Max(d => d.Lag),
            failed.Count,
            deliveries.Count(d => d.ProcessedAt is null),
            failed.Take(MaxListed).ToList(),
            rejections);
    }
}
