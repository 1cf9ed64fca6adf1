using Microsoft.EntityFrameworkCore;
using SalesBot.Assistant;
using SalesBot.Data;
namespace SalesBot.Facebook;

/// <summary>
/// A conversation's history (with the cards shown) and its handoff state, in the database. Erasure goes through here too, and takes the
/// conversation's received Messenger events with it: together they are everything held about a shopper.
/// </summary>
public sealed class ConversationStore(IDbContextFactory<SalesBotDbContext> dbFactory, TimeProvider time)
{
    public const int HistoryLines = 12;

    public async Task<IReadOnlyList<HistoryLine>> RecentAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lines = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.PageId == key.PageId && m.Psid == key.Psid)
            .OrderByDescending(m => m.Id).Take(HistoryLines)
            .Select(m => new HistoryLine(m.Role, m.Text))
            .ToListAsync(cancellationToken);
        lines.Reverse();
        return lines;
    }

    /// <summary>
    /// Shoppers who wrote to the page since <paramref name="since"/>, most recent first, with their last message: the
    /// people the page may still answer in Messenger's standard window.
    /// </summary>
    public async Task<IReadOnlyList<RecentShopper>> RecentShoppersAsync(string pageId, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lastIds = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.PageId == pageId && m.Role == "user" && m.At >= since)
            .GroupBy(m => m.Psid).Select(g => g.Max(m => m.Id))
            .ToListAsync(cancellationToken);
        var lines = await db.ConversationMessages.AsNoTracking().Where(m => lastIds.Contains(m.Id))
            .Select(m => new RecentShopper(m.Psid, m.At, m.Text)).ToListAsync(cancellationToken);
        return lines.OrderByDescending(l => l.LastMessageAt).Take(limit).ToList();
    }

    /// <summary>Adds a history line (with the cards it showed, if any); returns its id, or null when there was nothing to add.</summary>
    public async Task<long?> AppendAsync(ConversationKey key, string role, string? text, CancellationToken cancellationToken,
        IReadOnlyList<ShownCard>? cards = null)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var line = new ConversationMessage
        {
            PageId = key.PageId, Psid = key.Psid, Role = role,
            Text = text.Length > 8000 ? text[..8000] : text, CardsJson = ShownCard.ToJson(cards), At = time.GetUtcNow(),
        };
        db.ConversationMessages.Add(line);
        await db.SaveChangesAsync(cancellationToken);
        return line.Id;
    }

    /// <summary>The conversation's handoff row; null means the bot has it and nothing was ever handed over.</summary>
    public async Task<ConversationHandoff?> HandoffAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConversationHandoffs.AsNoTracking()
            .FirstOrDefaultAsync(p => p.PageId == key.PageId && p.Psid == key.Psid, cancellationToken);
    }

    /// <summary>True while a person has the conversation (waiting, person, paused), so the bot must not answer.</summary>
    public async Task<bool> BotStaysQuietAsync(ConversationKey key, CancellationToken cancellationToken) =>
        await HandoffAsync(key, cancellationToken) is { } handoff && !handoff.BotMayAnswer(time.GetUtcNow());

    /// <summary>The shopper asked for a person: <c>waiting</c> for <paramref name="pause"/>, unless a merchant already has it.</summary>
    public Task ShopperAskedForPersonAsync(ConversationKey key, TimeSpan pause, CancellationToken cancellationToken) =>
        ChangeAsync(key, h => h.State == HandoffState.Person ? h : Set(h, HandoffState.Waiting, time.GetUtcNow() + pause), cancellationToken);

    /// <summary>
    /// A page admin wrote from Meta's Page inbox: <c>paused</c> for <paramref name="pause"/> (a shopper who was waiting has now
    /// been answered by a person). A merchant who took over from the console keeps it, with no expiry.
    /// </summary>
    public Task PageAdminRepliedAsync(ConversationKey key, TimeSpan pause, CancellationToken cancellationToken) =>
        ChangeAsync(key, h => h.State == HandoffState.Person ? h
            // While the Page Inbox owns the thread the pause has no end: the thread comes back when the person marks it done.
            : Set(h, HandoffState.Paused, h.ThreadWithAnotherApp ? null : time.GetUtcNow() + pause), cancellationToken);

    /// <summary>A merchant took over or replied from the console: <c>person</c> until handed back (the thread is the bot's app's again).</summary>
    public Task TakeOverAsync(ConversationKey key, CancellationToken cancellationToken) =>
        ChangeAsync(key, h => Set(h, HandoffState.Person, null), cancellationToken);

    /// <summary>Back to the bot, which answers the shopper's next message.</summary>
    public Task HandBackAsync(ConversationKey key, CancellationToken cancellationToken) =>
        ChangeAsync(key, h => Set(h, HandoffState.Bot, null), cancellationToken);

    /// <summary>The shopper asked for a person and the thread went to another app (the Page Inbox): <c>waiting</c> with no end.</summary>
    public Task PassedToAnotherAppAsync(ConversationKey key, CancellationToken cancellationToken) =>
        ChangeAsync(key, h => Set(h, HandoffState.Waiting, null), cancellationToken);

    /// <summary>
    /// A <c>messaging_handovers</c> event named the thread's new owner: our app means back to the bot (the Page Inbox marked it done);
    /// another app means a person has it, quiet with no end until the thread comes back. A console take-over keeps <c>person</c>.
    /// </summary>
    public Task ThreadOwnerChangedAsync(ConversationKey key, string newOwnerAppId, string ourAppId, CancellationToken cancellationToken) =>
        ChangeAsync(key, h => newOwnerAppId == ourAppId ? Set(h, HandoffState.Bot, null)
            : h.State == HandoffState.Person ? h
            : Set(h, h.State == HandoffState.Waiting ? HandoffState.Waiting : HandoffState.Paused, null), cancellationToken);

    /// <summary>True when the thread is with another app (see <see cref="ConversationHandoff.ThreadWithAnotherApp"/>).</summary>
    public async Task<bool> ThreadWithAnotherAppAsync(ConversationKey key, CancellationToken cancellationToken) =>
        (await HandoffAsync(key, cancellationToken))?.ThreadWithAnotherApp ?? false;

    /// <summary>The merchant has seen the conversation up to history line <paramref name="lineId"/> (not a change others need to hear of).</summary>
    public async Task MarkReadAsync(ConversationKey key, long lineId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var handoff = await db.ConversationHandoffs.FirstOrDefaultAsync(p => p.PageId == key.PageId && p.Psid == key.Psid, cancellationToken);
        if (handoff is null)
        {
            db.ConversationHandoffs.Add(new ConversationHandoff
            {
                PageId = key.PageId, Psid = key.Psid, State = HandoffState.Bot, ChangedAt = time.GetUtcNow(), ReadThroughId = lineId,
            });
        }
        else if (handoff.ReadThroughId >= lineId) return;
        else handoff.ReadThroughId = lineId;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created the row first; being marked read a moment later is harmless.
        }
    }

    private ConversationHandoff Set(ConversationHandoff handoff, string state, DateTimeOffset? until)
    {
        handoff.State = state;
        handoff.Until = until;
        handoff.ChangedAt = time.GetUtcNow();
        return handoff;
    }

    private async Task ChangeAsync(ConversationKey key, Func<ConversationHandoff, ConversationHandoff> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var handoff = await db.ConversationHandoffs.FirstOrDefaultAsync(p => p.PageId == key.PageId && p.Psid == key.Psid, cancellationToken);
        if (handoff is null)
        {
            handoff = new ConversationHandoff { PageId = key.PageId, Psid = key.Psid, State = HandoffState.Bot, ChangedAt = time.GetUtcNow() };
            db.ConversationHandoffs.Add(handoff);
        }
        change(handoff);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For <c>shop/redact</c>: every conversation on these pages.</summary>
    public async Task<ErasedConversations> ErasePagesAsync(IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken)
    {
        if (pageIds.Count == 0) return new(0, 0, 0);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new(
            await db.ConversationMessages.Where(m => pageIds.Contains(m.PageId)).ExecuteDeleteAsync(cancellationToken),
            await db.MessengerEvents.Where(e => pageIds.Contains(e.PageId)).ExecuteDeleteAsync(cancellationToken),
            await db.ConversationHandoffs.Where(p => pageIds.Contains(p.PageId)).ExecuteDeleteAsync(cancellationToken));
    }

    /// <summary>The conversations of one sender id on any page, as stored in history, events or handoff states (for data deletion).</summary>
    public async Task<IReadOnlyList<ConversationKey>> ConversationsOfShopperAsync(string senderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pages = await db.ConversationMessages.Where(m => m.Psid == senderId).Select(m => m.PageId)
            .Union(db.MessengerEvents.Where(e => e.Psid == senderId).Select(e => e.PageId))
            .Union(db.ConversationHandoffs.Where(h => h.Psid == senderId).Select(h => h.PageId))
            .ToListAsync(cancellationToken);
        return pages.Distinct().Select(page => new ConversationKey(page, senderId)).ToList();
    }

    /// <summary>For Meta's data deletion callback: one shopper's conversations on every page (see DataDeletion for the id).</summary>
    public async Task<ErasedConversations> EraseShopperAsync(string senderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new(
            await db.ConversationMessages.Where(m => m.Psid == senderId).ExecuteDeleteAsync(cancellationToken),
            await db.MessengerEvents.Where(e => e.Psid == senderId).ExecuteDeleteAsync(cancellationToken),
            await db.ConversationHandoffs.Where(p => p.Psid == senderId).ExecuteDeleteAsync(cancellationToken));
    }
}

/// <summary>A shopper of a page and the last thing they wrote there.</summary>
public sealed record RecentShopper(string Psid, DateTimeOffset LastMessageAt, string LastText);

/// <summary>How many rows an erasure removed: history lines, received events, handoff states.</summary>
public sealed record ErasedConversations(int Messages, int Events, int Pauses);
