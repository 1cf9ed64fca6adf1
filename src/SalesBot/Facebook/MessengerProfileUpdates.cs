using System.Collections.Concurrent;
using System.Threading.Channels;

namespace SalesBot.Facebook;

/// <summary>
/// Sets a shop's Messenger profile again off the request that saved its settings: a save queues the shop and returns, a
/// worker calls Graph for each of its pages (up to the resilience handler's timeout when Graph hangs). One pending update
/// per shop: saves made while one is queued coalesce into it (the worker reads the settings when it runs, so the last
/// save wins); a save made while one runs queues the next. Outcomes are recorded in <see cref="MessengerProfileStatus"/>
/// by the sync, as before. On shutdown the running call is cancelled and queued ones are dropped (logged): the next save
/// or the start sets the profile again.
/// </summary>
public sealed class MessengerProfileUpdates(IServiceScopeFactory scopes, ILogger<MessengerProfileUpdates> logger) : BackgroundService
{
    /// <summary>Shops waiting at most; a shop appears once, so this bounds distinct shops saving in one Graph round.</summary>
    public const int Capacity = 1000;

    private readonly Channel<string> _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private readonly ConcurrentDictionary<string, bool> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal);

    /// <summary>Queues the shop unless it already waits; false when the queue is full (logged; the profile stays as it was).</summary>
    public bool Enqueue(string shop)
    {
        if (!_queued.TryAdd(shop, true)) return true;
        if (_queue.Writer.TryWrite(shop)) return true;
        _queued.TryRemove(shop, out _);
        logger.LogWarning("Messenger profile update of {Shop} dropped: {Capacity} shops are waiting already", shop, Capacity);
        return false;
    }

    /// <summary>An update of the shop's profile is waiting or running: the console shows "updating" rather than the last outcome.</summary>
    public bool IsUpdating(string shop) => _queued.ContainsKey(shop) || _running.ContainsKey(shop);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var shop in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                // Running before leaving the queue, so IsUpdating never blinks false between the two.
                _running[shop] = true;
                _queued.TryRemove(shop, out _);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<MessengerProfileSync>().SetForShopAsync(shop, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The database is away (Graph's refusals are recorded inside): an exception escaping would stop the host.
                    logger.LogWarning(e, "Could not update the Messenger profile of {Shop}", shop);
                }
                finally
                {
                    _running.TryRemove(shop, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        if (!_queued.IsEmpty) logger.LogInformation("Stopping with {Count} Messenger profile updates not made", _queued.Count);
    }
}
