using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Facebook;

/// <summary>How the last attempt to set each page's Messenger profile ended (<see cref="MessengerProfileRecord"/>), for the console.</summary>
public sealed class MessengerProfileStatus(IDbContextFactory<SalesBotDbContext> dbFactory, TimeProvider time)
{
    public async Task RecordAsync(string pageId, string? error, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.MessengerProfileRecords.FirstOrDefaultAsync(r => r.PageId == pageId, cancellationToken);
        if (row is null) db.MessengerProfileRecords.Add(row = new MessengerProfileRecord { PageId = pageId });
        row.AttemptedAt = time.GetUtcNow();
        row.Error = error is { Length: > MessengerProfileRecord.MaxError } ? error[..MessengerProfileRecord.MaxError] : error;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance recorded the same page at the same moment: its outcome is as recent as ours.
        }
    }

    public async Task ForgetAsync(string pageId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.MessengerProfileRecords.Where(r => r.PageId == pageId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>For <c>shop/redact</c>: the outcomes of the shop's pages go with them.</summary>
    public async Task ForgetPagesAsync(IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.MessengerProfileRecords.Where(r => pageIds.Contains(r.PageId)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The outcome per page id, for the given pages (those without an attempt are left out).</summary>
    public async Task<IReadOnlyDictionary<string, ProfileOutcome>> OfAsync(IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MessengerProfileRecords.AsNoTracking().Where(r => pageIds.Contains(r.PageId))
            .ToDictionaryAsync(r => r.PageId, r => new ProfileOutcome(r.AttemptedAt, r.Error), cancellationToken);
    }
}

/// <summary><see cref="Error"/> is null when the profile was set.</summary>
public sealed record ProfileOutcome(DateTimeOffset At, string? Error);
