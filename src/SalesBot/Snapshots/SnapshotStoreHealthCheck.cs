using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SalesBot.Snapshots;

/// <summary>
/// Readiness of the snapshot store (Spaces or the local folder) through the same <see cref="ISnapshotStore.CheckAsync"/>
/// the start-up check uses: one LIST of at most one key, or a probe file written and deleted.
/// </summary>
public sealed class SnapshotStoreHealthCheck(ISnapshotStore store, ILogger<SnapshotStoreHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.CheckAsync(cancellationToken);
            return HealthCheckResult.Healthy($"the {store.Kind} snapshot store is usable");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The reason names the bucket, endpoint or folder: useful in the log, not in a body anyone can fetch.
            var reason = e is SnapshotStoreException s ? s.Reason : e.GetType().Name;
            logger.LogWarning("Readiness: snapshot storage ({Store}) is not usable: {Reason}", store.Kind, reason);
            return HealthCheckResult.Unhealthy($"the {store.Kind} snapshot store is not usable");
        }
    }
}
