namespace SalesBot.Snapshots;

/// <summary>
/// A storage failure with a <see cref="Reason"/> a merchant can act on ("bad credentials", "missing
/// bucket", "unreachable endpoint"). The reason never contains a secret, so it may be logged and returned.
/// </summary>
public sealed class SnapshotStoreException(string reason, Exception? inner = null) : Exception(reason, inner)
{
    public string Reason { get; } = reason;
}
