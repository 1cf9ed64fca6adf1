using Microsoft.EntityFrameworkCore;
using SalesBot.Assistant;
using SalesBot.Data;
using SalesBot.Signing;

namespace SalesBot.Facebook;

public enum WebhookOutcome { Accepted, BadSignature, Malformed }

/// <summary>
/// Verifies the signature over the raw body, records new events (a known <c>mid</c> is a retry and
/// is ignored) and hands their conversations to the dispatcher. Nothing slow happens here, so Meta
/// gets its 200 well inside its 20 seconds.
/// </summary>
public sealed class MessengerWebhookReceiver(
    FacebookApp app,
    PageStore pages,
    IDbContextFactory<SalesBotDbContext> dbFactory,
    ConversationDispatcher dispatcher,
    TimeProvider time,
    ILogger<MessengerWebhookReceiver> logger)
{
    private readonly MetaSignature _signature = new(app.AppSecret);

    public async Task<(WebhookOutcome Outcome, int Recorded)> ReceiveAsync(byte[] body, string? signatureHeader, CancellationToken cancellationToken)
    {
        if (!_signature.IsValid(body, signatureHeader))
        {
            logger.LogWarning("Messenger webhook refused: bad or missing {Header}", MetaSignature.HeaderName);
            return (WebhookOutcome.BadSignature, 0);
        }

        WebhookBatch batch;
        try
        {
            batch = MessengerWebhookParser.ParseWebhook(body, time.GetUtcNow());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return (WebhookOutcome.Malformed, 0);
        }
        var events = batch.Channel == MessagingChannel.Instagram ? await KnownInstagramAccountsAsync(batch.Events, cancellationToken) : batch.Events;

        var recorded = new List<MessengerEvent>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var e in events)
        {
            if (await db.MessengerEvents.AnyAsync(x => x.Mid == e.Mid, cancellationToken)) continue;
            db.MessengerEvents.Add(e);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                recorded.Add(e);
            }
            catch (DbUpdateException)
            {
                // The same mid arrived concurrently in another delivery and won the unique index.
                db.Entry(e).State = EntityState.Detached;
            }
        }
        logger.LogInformation("Messenger webhook: {Received} events, {Recorded} new", events.Count, recorded.Count);
        foreach (var key in recorded.Select(e => new ConversationKey(e.PageId, e.Psid)).Distinct())
            dispatcher.Notify(key);
        return (WebhookOutcome.Accepted, recorded.Count);
    }

    /// <summary>
    /// Instagram events of an account no connected page has linked are dropped, not recorded: the app holds no messages of
    /// shoppers it does not serve (Meta sends every subscribed account's events to the app's one callback).
    /// </summary>
    private async Task<IReadOnlyList<MessengerEvent>> KnownInstagramAccountsAsync(IReadOnlyList<MessengerEvent> events, CancellationToken cancellationToken)
    {
        var known = new List<MessengerEvent>();
        foreach (var account in events.GroupBy(e => e.PageId))
        {
            if (await pages.GetAccountAsync(account.Key, cancellationToken) is { Channel: MessagingChannel.Instagram })
                known.AddRange(account);
            else
                logger.LogWarning("Instagram webhook for account {InstagramAccountId}, which no connected page has linked: {Count} events ignored",
                    account.Key, account.Count());
        }
        return known;
    }
}
