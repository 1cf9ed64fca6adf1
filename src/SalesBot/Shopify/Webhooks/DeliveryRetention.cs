using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Data;
using SalesBot.Data.Retention;

namespace SalesBot.Shopify.Webhooks;

/// <summary>
/// Keeps webhook deliveries at least as long as <see cref="DeliveryWindow"/> needs them (every copy that is still accepted
/// must find its row and be a duplicate): the retention sweeper deletes processed rows received longer ago than
/// <c>RETENTION_WEBHOOK_DELIVERIES</c>, oldest first over the ReceivedAt index. Unprocessed rows stay until they are
/// applied, whatever their age. Also erases a shop's deliveries for <c>shop/redact</c>.
/// </summary>
public sealed class DeliveryRetention(
    IDbContextFactory<SalesBotDbContext> db,
    IOptions<RetentionOptions> options) : IRetentionSweep
{
    public string Table => "WebhookDeliveries";

    /// <summary>The shortest allowed retention: a processed row must outlive every copy Shopify may still send.</summary>
    public static TimeSpan Minimum => DeliveryWindow.Length;

    public async Task<int> DeleteBatchAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await Expired(context, now, max).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The oldest processed deliveries past retention (also what the index test explains).</summary>
    internal IQueryable<WebhookDelivery> Expired(SalesBotDbContext context, DateTimeOffset now, int max)
    {
        var before = now - options.Value.WebhookDeliveries;
        return context.WebhookDeliveries.Where(d => d.ReceivedAt < before && d.ProcessedAt != null).OrderBy(d => d.ReceivedAt).Take(max);
    }

    /// <summary>Every delivery of the shop but <paramref name="keepEventId"/>; returns how many.</summary>
    public async Task<int> EraseShopAsync(string shop, string keepEventId, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.WebhookDeliveries.Where(d => d.Shop == shop && d.EventId != keepEventId).ExecuteDeleteAsync(cancellationToken);
    }
}
