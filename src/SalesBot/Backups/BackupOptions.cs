using Microsoft.Extensions.Configuration;

namespace SalesBot.Backups;

/// <summary>How often the SQLite database is backed up to the Spaces bucket, and how many backups are kept.</summary>
public sealed class BackupOptions
{
    /// <summary>Time between backups; the next one is due this long after the newest in the bucket (at once when there is none). 0: no schedule.</summary>
    [ConfigurationKeyName("BACKUP_INTERVAL")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many backups stay in the bucket; older ones are deleted after each upload.</summary>
    [ConfigurationKeyName("BACKUP_RETENTION")]
    public int Retention { get; set; } = 14;

    /// <summary>Wait before trying again when a backup failed (Spaces unreachable, disk full), capped by <see cref="Interval"/>.</summary>
    [ConfigurationKeyName("BACKUP_RETRY_DELAY")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(10);
}
