using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Assistant.Memory;

/// <summary>
/// Reads and writes conversation memory in the app's database, so it survives restarts and every instance over
/// PostgreSQL sees the same state. Turns of one conversation run one at a time (the dispatcher's per-conversation
/// queue), so last write wins is enough; a save racing another instance's insert of the same key retries as an update.
/// </summary>
public sealed class ConversationMemoryStore(IDbContextFactory<SalesBotDbContext> dbFactory, TimeProvider time)
{
    public async Task<ConversationMemory> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.ConversationMemories.Where(m => m.Key == key).Select(m => m.State).FirstOrDefaultAsync(cancellationToken);
        return state is null ? ConversationMemory.Empty : ConversationMemory.FromJson(state);
    }

    public async Task SaveAsync(string key, string shop, ConversationMemory memory, CancellationToken cancellationToken)
    {
        var state = memory.ToJson();
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var row = await db.ConversationMemories.FirstOrDefaultAsync(m => m.Key == key, cancellationToken);
            if (row is null)
            {
                db.ConversationMemories.Add(row = new ConversationMemoryRow { Key = key, Shop = shop, State = state });
                // Like the other histories, the writer prunes: a conversation quiet for the retention window starts afresh.
                var stale = time.GetUtcNow() - HistoryRetention.Window;
                await db.ConversationMemories.Where(m => m.Shop == shop && m.UpdatedAt < stale).ExecuteDeleteAsync(cancellationToken);
            }
            row.Shop = shop;
            row.State = state;
            row.UpdatedAt = time.GetUtcNow();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another instance inserted the key first: read its row and update it.
            }
        }
    }

    /// <summary>For a shopper's data deletion: the conversations under these keys.</summary>
    public async Task<int> EraseAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConversationMemories.Where(m => keys.Contains(m.Key)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>For <c>shop/redact</c>: every conversation of the shop.</summary>
    public async Task<int> DeleteShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConversationMemories.Where(m => m.Shop == shop).ExecuteDeleteAsync(cancellationToken);
    }
}
