using SalesBot.Configuration;

namespace SalesBot.Backups;

public static class BackupsExtensions
{
    /// <summary>
    /// Daily backups of the SQLite database to the Spaces bucket. Off without a bucket, and with PostgreSQL, whose
    /// managed database has its own backups. SQLite runs one instance, so only one process ever backs up.
    /// </summary>
    public static WebApplicationBuilder AddBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackupOptions>().BindConfiguration("")
            .Validate(o => o.Interval == TimeSpan.Zero || (o.Interval >= TimeSpan.FromSeconds(1) && o.Interval <= TimeSpan.FromDays(30)),
                "BACKUP_INTERVAL must be 0 (off) or a TimeSpan between 00:00:01 and 30.00:00:00, such as 1.00:00:00")
            .Validate(o => o.Retention is >= 1 and <= 1000, "BACKUP_RETENTION must be a whole number from 1 to 1000")
            .Validate(o => o.RetryDelay > TimeSpan.Zero, "BACKUP_RETRY_DELAY must be a positive TimeSpan such as 00:10:00")
            .ValidateOnStart();
        var app = builder.Configuration.Get<AppOptions>() ?? new AppOptions();
        var spaces = builder.Configuration.Get<SpacesOptions>() ?? new SpacesOptions();
        if (!spaces.UsesObjectStorage || !string.IsNullOrEmpty(app.DatabaseUrl)) return builder;

        builder.Services.AddSingleton(_ => BackupBucket.Create(spaces));
        builder.Services.AddSingleton<DatabaseBackup>();
        // BACKUP_INTERVAL=0 stops the schedule only: the restore command and an explicit backup still work.
        if ((builder.Configuration.Get<BackupOptions>() ?? new BackupOptions()).Interval > TimeSpan.Zero)
            builder.Services.AddHostedService<BackupScheduler>();
        return builder;
    }
}
