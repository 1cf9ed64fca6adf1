using System.Collections.Immutable;

namespace SalesBot.Snapshots;

/// <summary>In-process news that a shop's snapshot was published, so readers refresh without waiting for their next HEAD.</summary>
public interface ISnapshotNotifier
{
    void Published(string shop);

    /// <summary>Called with the shop domain after every publish; returns a handle that unsubscribes.</summary>
    IDisposable Subscribe(Action<string> onPublished);
}

/// <summary>The in-process notifier: subscribers are called synchronously and must only flag work.</summary>
public sealed class SnapshotNotifier : ISnapshotNotifier
{
    private readonly Lock _gate = new();
    private ImmutableList<Action<string>> _subscribers = ImmutableList<Action<string>>.Empty;

    public void Published(string shop)
    {
        foreach (var subscriber in _subscribers) subscriber(shop);
    }

    public IDisposable Subscribe(Action<string> onPublished)
    {
        lock (_gate) _subscribers = _subscribers.Add(onPublished);
        return new Subscription(() => { lock (_gate) _subscribers = _subscribers.Remove(onPublished); });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
