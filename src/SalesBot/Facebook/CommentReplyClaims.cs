using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Facebook;

/// <summary>
/// The <see cref="CommentReply"/> table's one owner: the claim that makes a private reply happen at most once per comment and
/// per person on a post (across redeliveries and instances), its outcome, and its erasure with the shop or the person.
/// </summary>
public sealed class CommentReplyClaims(IDbContextFactory<SalesBotDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Inserts the claim; null when the comment, or this person on this post, already has one (the unique indexes decide across instances).</summary>
    public async Task<long?> ClaimAsync(string pageId, string commentId, string postId, string fromId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.CommentReplies.AnyAsync(r => r.CommentId == commentId
                || (r.PageId == pageId && r.PostId == postId && r.FromId == fromId), cancellationToken))
            return null;
        var row = new CommentReply { PageId = pageId, CommentId = commentId, PostId = postId, FromId = fromId, ClaimedAt = time.GetUtcNow() };
        db.CommentReplies.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row.Id;
        }
        catch (DbUpdateException)
        {
            return null;
        }
    }

    /// <summary>How the send ended; a failed one keeps its claim, so the comment is never answered twice.</summary>
    public async Task RecordOutcomeAsync(long claim, SendResult result, string? psid)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.CommentReplies.Where(r => r.Id == claim)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Outcome, result).SetProperty(r => r.Psid, psid), CancellationToken.None);
    }

    /// <summary>Erases the claims of <paramref name="pageIds"/> (shop/redact).</summary>
    public async Task<int> ErasePagesAsync(IReadOnlyCollection<string> pageIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CommentReplies.Where(r => pageIds.Contains(r.PageId)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Erases what a person's comments left (Meta's data deletion callback): by their id or the PSID Meta answered with.</summary>
    public async Task<int> EraseCommenterAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CommentReplies.Where(r => r.FromId == userId || r.Psid == userId).ExecuteDeleteAsync(cancellationToken);
    }
}
