using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
namespace SalesBot.Facebook;

/// <summary>
/// A conversation is one shopper on one page, or on the page's Instagram account: <see cref="PageId"/> is then the Instagram
/// account id and <see cref="Psid"/> the shopper's IGSID, so the two channels' conversations never mix.
/// </summary>
public readonly record struct ConversationKey(string PageId, string Psid)
{
    /// <summary>The key the Assistant part keeps this conversation's memory (products shown, cart) under.</summary>
    public string MemoryKey => $"{PageId}:{Psid}";
}

/// <summary>
/// Runs turns in the background: one conversation's events strictly in order, one at a time, while
/// different conversations run in parallel (capped). The database is the queue, so events recorded
/// before a restart are picked up when the app starts again. A shopper's text messages arriving within
/// <see cref="FacebookApp.BatchWindow"/> of the first are one turn; the wait holds no parallel slot, so it delays no one else.
/// </summary>
public sealed class ConversationDispatcher(
    IDbContextFactory<SalesBotDbContext> dbFactory,
    IServiceScopeFactory scopes,
    DistributedLock locks,
    FacebookApp app,
    TimeProvider time,
    ILogger<ConversationDispatcher> logger) : BackgroundService
{
    private const int MaxParallelTurns = 16;

    /// <summary>Most messages one batched turn answers; a flood past it goes on in the next turn.</summary>
    public const int MaxBatch = 20;

    private readonly ConcurrentDictionary<ConversationKey, Slot> _slots = new();
    private readonly SemaphoreSlim _parallel = new(MaxParallelTurns, MaxParallelTurns);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>True when no conversation has work queued or running (tests and shutdown use it).</summary>
    public bool IsIdle => _slots.IsEmpty;

    /// <summary>Says that a conversation has new events; starts its worker unless one is running.</summary>
    public void Notify(ConversationKey key)
    {
        while (true)
        {
            var slot = _slots.GetOrAdd(key, _ => new Slot());
            lock (slot)
            {
                // A worker that just finished removed this slot; take a fresh one so two never run for one key.
                if (slot.Removed) continue;
                slot.Pending = true;
                if (slot.Running) return;
                slot.Running = true;
            }
            _ = Task.Run(() => RunAsync(key, slot));
            return;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var registration = stoppingToken.Register(_stopping.Cancel);
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            var backlog = await db.MessengerEvents.Where(e => e.ProcessedAt == null)
                .Select(e => new { e.PageId, e.Psid }).Distinct().ToListAsync(stoppingToken);
            if (backlog.Count > 0) logger.LogInformation("Resuming {Count} conversations with unprocessed events", backlog.Count);
            foreach (var c in backlog) Notify(new ConversationKey(c.PageId, c.Psid));
        }
        await Task.Delay(Timeout.Infinite, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RunAsync(ConversationKey key, Slot slot)
    {
        while (true)
        {
            lock (slot)
            {
                if (!slot.Pending || _stopping.IsCancellationRequested)
                {
                    slot.Running = false;
                    slot.Removed = true;
                    _slots.TryRemove(new KeyValuePair<ConversationKey, Slot>(key, slot));
                    return;
                }
                slot.Pending = false;
            }
            try
            {
                await DrainAsync(key, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // Shutting down: unprocessed events stay in the database for the next start.
            }
            catch (Exception e)
            {
                logger.LogError(e, "Conversation worker for page {PageId} failed", key.PageId);
            }
        }
    }

    private async Task DrainAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        // With several instances, whichever holds the conversation's lock drains it in timestamp order from the database.
        await using var held = await locks.AcquireAsync($"conversation:{key.PageId}:{key.Psid}", cancellationToken);
        while (true)
        {
            MessengerEvent? next;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                next = await db.MessengerEvents
                    .Where(e => e.PageId == key.PageId && e.Psid == key.Psid && e.ProcessedAt == null)
                    .OrderBy(e => e.Timestamp).ThenBy(e => e.Id)
                    .FirstOrDefaultAsync(cancellationToken);
            }
            if (next is null) return;
            var turn = await BatchAsync(next, cancellationToken);

            await _parallel.WaitAsync(cancellationToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                if (next.Kind == MessengerEventKind.Comment)
                    await scope.ServiceProvider.GetRequiredService<CommentReplier>().HandleAsync(next, cancellationToken);
                else
                    await scope.ServiceProvider.GetRequiredService<ConversationTurn>().HandleAsync(turn, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // One bad turn must not block the conversation forever; it is marked done and logged.
                logger.LogError(e, "Turn for page {PageId} event {EventId} failed", key.PageId, next.Id);
            }
            finally
            {
                _parallel.Release();
            }

            var ids = turn.Select(e => e.Id).ToList();
            await using (var db = await dbFactory.CreateDbContextAsync(CancellationToken.None))
            {
                await db.MessengerEvents.Where(e => ids.Contains(e.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, time.GetUtcNow()), CancellationToken.None);
            }
        }
    }

    /// <summary>
    /// A text message waits until the window after it closes (measured from when it was received, so a restart or a backlog waits
    /// no more), then takes the text messages that followed it inside the window. A quick reply or postback is a button press:
    /// answered at once and never merged, since its payload is the whole meaning and a shopper expects that button's answer.
    /// </summary>
    private async Task<IReadOnlyList<MessengerEvent>> BatchAsync(MessengerEvent first, CancellationToken cancellationToken)
    {
        if (!IsBatchable(first) || app.BatchWindow <= TimeSpan.Zero) return [first];
        var closesAt = first.ReceivedAt + app.BatchWindow;
        var wait = closesAt - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken);

        List<MessengerEvent> following;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            following = await db.MessengerEvents
                .Where(e => e.PageId == first.PageId && e.Psid == first.Psid && e.ProcessedAt == null && e.Id != first.Id)
                .OrderBy(e => e.Timestamp).ThenBy(e => e.Id)
                .Take(MaxBatch - 1).ToListAsync(cancellationToken);
        }
        var turn = new List<MessengerEvent> { first };
        foreach (var e in following)
        {
            // Strictly in order: a button press, an echo or a late message ends the batch and gets its own turn.
            if (!IsBatchable(e) || e.ReceivedAt > closesAt || e.Timestamp < first.Timestamp) break;
            turn.Add(e);
        }
        return turn;
    }

    private static bool IsBatchable(MessengerEvent e) =>
        e.Kind == MessengerEventKind.Message && e.Payload is null && !string.IsNullOrWhiteSpace(e.Text);

    public override void Dispose()
    {
        // Not disposed: late registrations and workers may still observe it while the host shuts down.
        _stopping.Cancel();
        base.Dispose();
    }

    private sealed class Slot
    {
        public bool Pending;
        public bool Running;
        public bool Removed;
    }
}
