using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Data;
using SalesBot.Data.Retention;

namespace SalesBot.Facebook;

/// <summary>
/// Deletes processed Messenger events received longer ago than <c>RETENTION_MESSENGER_EVENTS</c>, oldest first over
/// the ReceivedAt index. An event's row is the receipt that makes Meta's retries of it harmless (its unique mid), and
/// Meta gives up on a webhook that keeps failing after 8 hours (Messenger Platform webhook docs), so a day is the least
/// allowed. Unprocessed events are work still to do and are never deleted; the conversation itself lives in
/// ConversationMessages, which this does not touch.
/// </summary>
public sealed class MessengerEventRetention(IDbContextFactory<SalesBotDbContext> db, IOptions<RetentionOptions> options) : IRetentionSweep
{
    public static readonly TimeSpan Minimum = TimeSpan.FromDays(1);

    public string Table => "MessengerEvents";

    public async Task<int> DeleteBatchAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await Expired(context, now, max).ExecuteDeleteAsync(cancellationToken);
    }

    internal IQueryable<MessengerEvent> Expired(SalesBotDbContext context, DateTimeOffset now, int max)
    {
        var before = now - options.Value.MessengerEvents;
        return context.MessengerEvents.Where(e => e.ReceivedAt < before && e.ProcessedAt != null).OrderBy(e => e.ReceivedAt).Take(max);
    }
}
