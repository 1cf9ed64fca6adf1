using Microsoft.Extensions.Options;

namespace SalesBot.Snapshots;

/// <summary>
/// Retries publishes that storage refused until they land, with the backoff of <see cref="SnapshotRetryOptions"/>.
/// The schedule lives in the database, so pending publishes resume after a restart.
/// </summary>
public sealed class PendingSnapshotRetrier(
    SnapshotPublisher publisher,
    IOptions<SnapshotRetryOptions> options,
    TimeProvider time,
    ILogger<PendingSnapshotRetrier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan? wait;
            try
            {
                wait = await RetryDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database itself failed; keep the service alive and look again later.
                logger.LogError(e, "Could not retry pending snapshot publishes");
                wait = options.Value.MaxDelay;
            }
            await WaitAsync(wait, stoppingToken);
        }
    }

    /// <summary>Retries every due shop once; returns how long until the next one is due (null: nothing pending).</summary>
    private async Task<TimeSpan?> RetryDueAsync(CancellationToken stoppingToken)
    {
        var schedule = await publisher.PendingScheduleAsync(stoppingToken);
        var now = time.GetUtcNow();
        foreach (var (shop, _) in schedule.Where(s => s.DueAt <= now))
            await publisher.RetryPendingAsync(shop, stoppingToken);
        if (schedule.Any(s => s.DueAt <= now))
            schedule = await publisher.PendingScheduleAsync(stoppingToken);
        if (schedule.Count == 0) return null;
        var next = schedule.Min(s => s.DueAt) - time.GetUtcNow();
        return next > TimeSpan.Zero ? next : TimeSpan.Zero;
    }

    /// <summary>Sleeps until the next attempt is due or a new publish fails, whichever comes first.</summary>
    private async Task WaitAsync(TimeSpan? wait, CancellationToken stoppingToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var queued = publisher.Queued.WaitToReadAsync(cancel.Token).AsTask();
        var delay = wait is { } w ? Task.Delay(w, time, cancel.Token) : Task.Delay(Timeout.Infinite, cancel.Token);
        await Task.WhenAny(queued, delay);
        await cancel.CancelAsync();
        // Drain: the schedule is re-read from the database anyway.
        while (publisher.Queued.TryRead(out _)) { }
    }
}
