using Microsoft.Extensions.Options;

namespace SalesBot.Backups;

/// <summary>
/// Backs up every <see cref="BackupOptions.Interval"/>, counted from the newest backup in the bucket, so a restart
/// neither skips a day nor backs up at every start. A failed backup is tried again after the retry delay.
/// </summary>
public sealed class BackupScheduler(
    DatabaseBackup backup,
    BackupBucket bucket,
    IOptions<BackupOptions> options,
    TimeProvider time,
    ILogger<BackupScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var due = await FirstDueAsync(settings, stoppingToken);
        logger.LogInformation("Backups to {Bucket}/backups/ every {Interval}, keeping {Retention}; next at {Due:u}",
            bucket.Name, settings.Interval, settings.Retention, due);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = due - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stoppingToken);
            try
            {
                await backup.BackupNowAsync(stoppingToken);
                due = time.GetUtcNow() + settings.Interval;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                var retry = settings.RetryDelay < settings.Interval ? settings.RetryDelay : settings.Interval;
                logger.LogError(e, "Backup failed; trying again in {Retry}", retry);
                due = time.GetUtcNow() + retry;
            }
        }
    }

    private async Task<DateTimeOffset> FirstDueAsync(BackupOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            var newest = (await bucket.ListAsync(stoppingToken)).LastOrDefault();
            return newest is not null && BackupKeys.TimeOf(newest) is { } taken ? taken + settings.Interval : time.GetUtcNow();
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The bucket is unreachable now; the backup attempt will say so and retry.
            logger.LogWarning(e, "Could not list the backups in {Bucket}", bucket.Name);
            return time.GetUtcNow();
        }
    }
}
