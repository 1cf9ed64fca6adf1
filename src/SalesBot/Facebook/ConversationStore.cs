using Microsoft.EntityFrameworkCore;
using SalesBot.Assistant;
using SalesBot.Data;
namespace SalesBot.Facebook;

/// <summary>
/// A conversation's history and its handoff pause, in the database. Erasure goes through here too, and takes the
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

    public async Task AppendAsync(ConversationKey key, string role, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ConversationMessages.Add(new ConversationMessage
        {
            PageId = key.PageId, Psid = key.Psid, Role = role,
            Text = text.Length > 8000 ? text[..8000] : text, At = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> IsPausedAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pause = await db.HandoffPauses.AsNoTracking()
            .FirstOrDefaultAsync(p => p.PageId == key.PageId && p.Psid == key.Psid, cancellationToken);
        return pause is not null && pause.Until > time.GetUtcNow();
    }

    public async Task PauseAsync(ConversationKey key, TimeSpan duration, string reason, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pause = await db.HandoffPauses.FirstOrDefaultAsync(p => p.PageId == key.PageId && p.Psid == key.Psid, cancellationToken);
        if (pause is null)
        {
            pause = new HandoffPause { PageId = key.PageId, Psid = key.Psid, Reason = reason };
            db.HandoffPauses.Add(pause);
        }
        pause.Reason = reason;
        pause.Until = time.GetUtcNow() + duration;
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
            await db.HandoffPauses.Where(p => pageIds.Contains(p.PageId)).ExecuteDeleteAsync(cancellationToken));
    }

    /// <summary>For Meta's data deletion callback: one shopper's conversations on every page (see DataDeletion for the id).</summary>
    public async Task<ErasedConversations> EraseShopperAsync(string senderId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return new(
            await db.ConversationMessages.Where(m => m.Psid == senderId).ExecuteDeleteAsync(cancellationToken),
            await db.MessengerEvents.Where(e => e.Psid == senderId).ExecuteDeleteAsync(cancellationToken),
            await db.HandoffPauses.Where(p => p.Psid == senderId).ExecuteDeleteAsync(cancellationToken));
    }
}

/// <summary>A shopper of a page and the last thing they wrote there.</summary>
public sealed record RecentShopper(string Psid, DateTimeOffset LastMessageAt, string LastText);

/// <summary>How many rows an erasure removed: history lines, received events, handoff pauses.</summary>
public sealed record ErasedConversations(int Messages, int Events, int Pauses);
