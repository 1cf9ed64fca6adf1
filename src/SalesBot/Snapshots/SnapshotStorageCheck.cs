namespace SalesBot.Snapshots;

/// <summary>
/// Checks the snapshot store at startup and warns, naming the problem, when it is unusable. It never stops
/// the app: publishes are kept and retried, so a store fixed later catches up by itself.
/// </summary>
public sealed class SnapshotStorageCheck(ISnapshotStore store, ILogger<SnapshotStorageCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.CheckAsync(cancellationToken);
            logger.LogInformation("Snapshot storage ready ({Store})", store.Kind);
        }
        catch (SnapshotStoreException e)
        {
            logger.LogWarning("Snapshot storage ({Store}) is not usable: {Reason}. Publishes will be kept and retried until it is.", store.Kind, e.Reason);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Snapshot storage ({Store}) could not be checked: {Error}. Publishes will be kept and retried until it works.", store.Kind, e.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
