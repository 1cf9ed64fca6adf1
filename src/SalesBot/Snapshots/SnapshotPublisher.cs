using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Data;
namespace SalesBot.Snapshots;

/// <summary>
/// Hash, one HEAD, PUT only when the hash differs. A failure stores the bytes as the shop's
/// <see cref="PendingSnapshot"/> (replacing an older one) for <see cref="PendingSnapshotRetrier"/>.
/// </summary>
public sealed class SnapshotPublisher(
    ISnapshotStore store,
    IDbContextFactory<SalesBotDbContext> databases,
    ISnapshotNotifier notifier,
    IOptions<SnapshotRetryOptions> retryOptions,
    SnapshotMetrics metrics,
    TimeProvider time,
    ILogger<SnapshotPublisher> logger) : ISnapshotPublisher
{
    // One gate per shop: two publishes of a shop never interleave their HEAD, PUT and state writes.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);
    // Only a wake-up for the retrier (which re-reads the schedule from the database), so one waiting item is enough.
    private readonly Channel<string> queued = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private string StoreName => store.Kind == "spaces" ? "Spaces" : "the local snapshot folder";

    /// <summary>Shops whose publish just failed, so the retrier can reschedule without polling the database.</summary>
    internal ChannelReader<string> Queued => queued.Reader;

    public async Task<PublishResult> PublishAsync(string shop, byte[] content, string hash, CancellationToken cancellationToken)
    {
        if (!ShopDomain.TryParse(shop, out var domain)) throw new ArgumentException(ShopDomain.ErrorMessage(shop), nameof(shop));
        var gate = gates.GetOrAdd(domain, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await PublishGatedAsync(domain, content, hash, retry: false, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Tries the shop's pending publish again; null when nothing is pending (a newer publish got through).</summary>
    internal async Task<PublishResult?> RetryPendingAsync(string shop, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(shop, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var pending = await db.PendingSnapshots.AsNoTracking().SingleOrDefaultAsync(p => p.Shop == shop, cancellationToken);
            return pending is null ? null : await PublishGatedAsync(shop, pending.Content, pending.Hash, retry: true, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// For <c>shop/redact</c>: the object in storage, the pending bytes and the publish state, under the shop's gate so
    /// no publish or retry interleaves. Publication state goes first: a pending snapshot holds the whole catalog and
    /// its retrier would upload it again.
    /// </summary>
    public async Task EraseAsync(string shop, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(shop, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using (var db = await databases.CreateDbContextAsync(cancellationToken))
            {
                await db.PendingSnapshots.Where(p => p.Shop == shop).ExecuteDeleteAsync(cancellationToken);
                await db.SnapshotPublications.Where(p => p.Shop == shop).ExecuteDeleteAsync(cancellationToken);
                await db.SnapshotPublishRecords.Where(p => p.Shop == shop).ExecuteDeleteAsync(cancellationToken);
            }
            await store.DeleteAsync(shop, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What storage holds for the shop and what is still waiting to get there; null when nothing was ever published.</summary>
    public async Task<SnapshotStatus?> StatusAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.SnapshotPublications.AsNoTracking().SingleOrDefaultAsync(p => p.Shop == shop, cancellationToken);
        return row is null ? null : SnapshotStatus.From(row, store.Kind);
    }

    /// <summary>
    /// The publish waiting for storage, which is newer than what storage holds (a later upload would have deleted it);
    /// null when none waits. The bytes are read only when the caller does not hold <paramref name="heldHash"/> already.
    /// </summary>
    public async Task<PendingSnapshotContent?> PendingAsync(string shop, string? heldHash, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var pending = db.PendingSnapshots.AsNoTracking().Where(p => p.Shop == shop);
        var hash = await pending.Select(p => p.Hash).FirstOrDefaultAsync(cancellationToken);
        if (hash is null) return null;
        if (hash == heldHash) return new PendingSnapshotContent(hash, null);
        var content = await pending.Select(p => p.Content).FirstOrDefaultAsync(cancellationToken);
        return content is null ? null : new PendingSnapshotContent(hash, content);
    }

    /// <summary>The hash of the object storage last confirmed for the shop, from the database alone (no storage call).</summary>
    public async Task<string?> PublishedHashAsync(string shop, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.SnapshotPublications.AsNoTracking().Where(p => p.Shop == shop).Select(p => p.PublishedHash).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The shop's publishes since <paramref name="since"/> (uploads and failed attempts), newest first.</summary>
    public async Task<IReadOnlyList<SnapshotPublishEntry>> HistoryAsync(string shop, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.SnapshotPublishRecords.AsNoTracking().Where(r => r.Shop == shop && r.At >= since)
            .OrderByDescending(r => r.At).Take(HistoryRetention.MaxRowsPerShop).ToListAsync(cancellationToken);
        return rows.Select(SnapshotPublishEntry.From).ToList();
    }

    private static void AddToHistory(SalesBotDbContext db, SnapshotPublishRecord record) => db.SnapshotPublishRecords.Add(record);

    /// <summary>Keeps the shop's history inside <see cref="HistoryRetention"/>: older rows, and rows past the cap, go as a new one is written.</summary>
    private static async Task PruneHistoryAsync(SalesBotDbContext db, string shop, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - HistoryRetention.Window;
        var rows = db.SnapshotPublishRecords.Where(r => r.Shop == shop);
        await rows.Where(r => r.At < before).ExecuteDeleteAsync(cancellationToken);
        // The (Shop, At) index serves both the window and the cap.
        var oldestKept = await rows.OrderByDescending(r => r.At).Skip(HistoryRetention.MaxRowsPerShop - 1).Select(r => (DateTimeOffset?)r.At).FirstOrDefaultAsync(cancellationToken);
        if (oldestKept is { } at) await rows.Where(r => r.At < at).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>When each shop's pending publish is due; one small row per shop, no catalog bytes.</summary>
    internal async Task<IReadOnlyList<(string Shop, DateTimeOffset DueAt)>> PendingScheduleAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.SnapshotPublications.AsNoTracking()
            .Where(p => p.PendingHash != null)
            .Select(p => new { p.Shop, p.NextAttemptAt, p.PendingSince })
            .ToListAsync(cancellationToken);
        return rows.Select(r => (r.Shop, r.NextAttemptAt ?? r.PendingSince ?? DateTimeOffset.MinValue)).ToList();
    }

    private async Task<PublishResult> PublishGatedAsync(string shop, byte[] content, string hash, bool retry, CancellationToken cancellationToken)
    {
        using var activity = SnapshotMetrics.Source.StartActivity("snapshot publish");
        activity?.SetTag("salesbot.shop", shop);
        activity?.SetTag("salesbot.snapshot.retry", retry);
        var started = time.GetTimestamp();
        var outcome = SnapshotMetrics.Failed;
        try
        {
            var result = await PublishMeasuredAsync(shop, content, hash, retry, cancellationToken);
            outcome = result.Uploaded ? SnapshotMetrics.Uploaded : result.Status == PublishResult.Success ? SnapshotMetrics.Unchanged : SnapshotMetrics.Failed;
            return result;
        }
        finally
        {
            activity?.SetTag("salesbot.snapshot.outcome", outcome);
            if (outcome == SnapshotMetrics.Failed) activity?.SetStatus(ActivityStatusCode.Error);
            metrics.Published(outcome, retry, time.GetElapsedTime(started));
        }
    }

    private async Task<PublishResult> PublishMeasuredAsync(string shop, byte[] content, string hash, bool retry, CancellationToken cancellationToken)
    {
        try
        {
            var head = await store.HeadAsync(shop, cancellationToken);
            if (head?.ContentHash == hash)
            {
                await RecordSuccessAsync(shop, hash, head.Length, unchanged: head, retry, cancellationToken);
                logger.LogInformation("No upload needed for {Shop}: Data unchanged", shop);
                return new PublishResult(PublishResult.Success, PublishResult.UnchangedMessage, hash, Uploaded: false);
            }

            await store.PutAsync(shop, content, hash, cancellationToken);
            var publishedAt = await RecordSuccessAsync(shop, hash, content.Length, unchanged: null, retry, cancellationToken);
            logger.LogInformation("Uploaded data to {Store} for {Shop} ({Bytes} bytes{Retry})", StoreName, shop, content.Length, retry ? ", retried" : "");
            notifier.Notify(new SnapshotPublished(shop, SnapshotKeys.For(shop), hash, content.Length, publishedAt));
            return new PublishResult(PublishResult.Success, $"Uploaded data to {StoreName} for {shop} ({content.Length} bytes)", hash, Uploaded: true);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (an aborted callback), not the store: keep the catalog so it still lands.
            await RecordFailureAsync(shop, content, hash, retry, "the publish was cancelled before storage confirmed it", CancellationToken.None);
            throw;
        }
        catch (Exception e)
        {
            var reason = ReasonFor(e);
            var nextAttempt = await RecordFailureAsync(shop, content, hash, retry, reason, CancellationToken.None);
            logger.LogWarning("Failed to upload to {Store} for {Shop}: {Reason}", StoreName, shop, reason);
            return new PublishResult(PublishResult.Failed,
                $"Failed to upload to {StoreName} for {shop}: {reason}. The catalog is saved and the upload will be retried in the background (next attempt at {nextAttempt:u}).",
                hash, Uploaded: false, RetryScheduled: true);
        }
    }

    private static string ReasonFor(Exception e) => e switch
    {
        SnapshotStoreException s => s.Reason,
        IOException or UnauthorizedAccessException => $"the local snapshot folder cannot be written ({e.GetType().Name}: {e.Message})",
        _ => $"unexpected {e.GetType().Name}",
    };

    /// <param name="unchanged">The object already in storage when nothing was uploaded; null after an upload.</param>
    private async Task<DateTimeOffset> RecordSuccessAsync(string shop, string hash, long bytes, SnapshotHead? unchanged, bool retry, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = await db.SnapshotPublications.FindAsync([shop], cancellationToken) ?? db.SnapshotPublications.Add(new() { Shop = shop }).Entity;
        if (unchanged is null)
        {
            state.PublishedAt = now;
            state.PublishedBytes = bytes;
            AddToHistory(db, new() { Shop = shop, At = now, Bytes = bytes, Hash = hash, Outcome = PublishResult.Success, Retry = retry });
        }
        else if (state.PublishedHash != hash)
        {
            // Storage already held this catalog (written by another instance or before this database existed).
            state.PublishedAt = unchanged.LastModified;
            state.PublishedBytes = unchanged.Length;
        }
        state.PublishedHash = hash;
        state.CheckedAt = now;
        state.PendingHash = null;
        state.PendingSince = null;
        state.PendingAttempts = 0;
        state.NextAttemptAt = null;
        state.LastError = null;
        state.LastErrorAt = null;
        // This catalog is the newest: whatever was pending is older and superseded.
        await db.PendingSnapshots.Where(p => p.Shop == shop).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await PruneHistoryAsync(db, shop, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return now;
    }

    private async Task<DateTimeOffset> RecordFailureAsync(string shop, byte[] content, string hash, bool retry, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var state = await db.SnapshotPublications.FindAsync([shop], cancellationToken) ?? db.SnapshotPublications.Add(new() { Shop = shop }).Entity;
        var pending = await db.PendingSnapshots.FindAsync([shop], cancellationToken);
        if (pending is null) db.PendingSnapshots.Add(new() { Shop = shop, Hash = hash, Content = content, QueuedAt = now });
        else if (!retry)
        {
            // A newer catalog supersedes the one waiting: only the newest is worth uploading.
            pending.Hash = hash;
            pending.Content = content;
            pending.QueuedAt = now;
        }
        state.PendingHash = retry && pending is not null ? pending.Hash : hash;
        state.PendingSince ??= now;
        // Attempts keep counting across superseding publishes: the backoff follows the store's health, not the catalog.
        state.PendingAttempts++;
        state.NextAttemptAt = now + retryOptions.Value.DelayAfter(state.PendingAttempts);
        state.LastError = reason.Length > 1024 ? reason[..1024] : reason;
        state.LastErrorAt = now;
        AddToHistory(db, new() { Shop = shop, At = now, Bytes = content.Length, Hash = hash, Outcome = PublishResult.Failed, Retry = retry, Error = state.LastError });
        await db.SaveChangesAsync(cancellationToken);
        await PruneHistoryAsync(db, shop, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        queued.Writer.TryWrite(shop);
        return state.NextAttemptAt.Value;
    }
}
