using Microsoft.Extensions.Options;

namespace SalesBot.Data.Retention;

/// <summary>
/// Prunes every registered table on a timer: batch after batch until a batch comes back short. With several instances
/// each sweeps; they delete the same oldest rows at worst, which costs a few empty DELETEs and loses nothing.
/// </summary>
public sealed class RetentionSweeper(
    IEnumerable<IRetentionSweep> sweeps,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionSweeper> logger) : BackgroundService
{
    public const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            await SweepAsync(stoppingToken);
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep of every table; returns the rows deleted per table. A failing table does not stop the others.</summary>
    public async Task<IReadOnlyDictionary<string, int>> SweepAsync(CancellationToken cancellationToken)
    {
        var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sweep in sweeps)
        {
            var total = 0;
            try
            {
                int batch;
                do
                {
                    batch = await sweep.DeleteBatchAsync(time.GetUtcNow(), BatchSize, cancellationToken);
                    total += batch;
                } while (batch == BatchSize);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Could not prune {Table}", sweep.Table);
            }
            if (total > 0) logger.LogInformation("Pruned {Count} expired rows from {Table}", total, sweep.Table);
            deleted[sweep.Table] = total;
        }
        return deleted;
    }
}
