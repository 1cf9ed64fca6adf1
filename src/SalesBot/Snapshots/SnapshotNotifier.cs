using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace SalesBot.Snapshots;

/// <summary>A broadcast: each subscriber has its own channel, so a slow reader never delays the publisher or another reader.</summary>
public sealed class SnapshotNotifier : ISnapshotNotifier
{
    private readonly ConcurrentDictionary<Channel<SnapshotPublished>, byte> subscribers = new();

    public void Notify(SnapshotPublished published)
    {
        foreach (var channel in subscribers.Keys) channel.Writer.TryWrite(published);
    }

    public async IAsyncEnumerable<SnapshotPublished> SubscribeAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Bounded per reader, keeping the newest: a reader that fell behind only needs the latest state of each shop.
        var channel = Channel.CreateBounded<SnapshotPublished>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest });
        subscribers.TryAdd(channel, 0);
        try
        {
            await foreach (var item in channel.Reader.ReadAllAsync(cancellationToken))
                yield return item;
        }
        finally
        {
            subscribers.TryRemove(channel, out _);
        }
    }
}
