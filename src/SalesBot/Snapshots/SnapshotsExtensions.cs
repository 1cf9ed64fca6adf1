using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Observability;

namespace SalesBot.Snapshots;

public static class SnapshotsExtensions
{
    /// <summary>
    /// The snapshot store (Spaces when SPACES_BUCKET is set, else DATA_DIR/snapshots), the publisher, its
    /// background retrier, the startup check and the in-process "snapshot published" notifier.
    /// </summary>
    public static WebApplicationBuilder AddSnapshots(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SnapshotRetryOptions>().BindConfiguration("")
            .Validate(o => o.InitialDelay > TimeSpan.Zero && o.MaxDelay >= o.InitialDelay,
                "SNAPSHOT_RETRY_INITIAL_DELAY must be positive and SNAPSHOT_RETRY_MAX_DELAY at least as long")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ISnapshotStore>(CreateStore);
        services.AddSingleton<ISnapshotNotifier, SnapshotNotifier>();
        services.AddSingleton<SnapshotPublisher>();
        services.AddSingleton<ISnapshotPublisher>(sp => sp.GetRequiredService<SnapshotPublisher>());
        services.AddHostedService<SnapshotStorageCheck>();
        services.AddHealthChecks().AddCheck<SnapshotStoreHealthCheck>("snapshots", tags: [Readiness.Tag], timeout: Readiness.Timeout);
        services.AddSingleton<SnapshotMetrics>();
        services.AddHostedService<PendingSnapshotRetrier>();
        return builder;
    }

    private static ISnapshotStore CreateStore(IServiceProvider services)
    {
        var spaces = services.GetRequiredService<IOptions<SpacesOptions>>().Value;
        if (spaces.UsesObjectStorage)
            return new S3SnapshotStore(SpacesClient.Create(spaces), spaces.Bucket!, spaces.EffectiveEndpoint);
        var app = services.GetRequiredService<IOptions<AppOptions>>().Value;
        var dataDir = Path.GetFullPath(app.DataDir, services.GetRequiredService<IHostEnvironment>().ContentRootPath);
        return new LocalFolderSnapshotStore(Path.Combine(dataDir, "snapshots"));
    }
}
