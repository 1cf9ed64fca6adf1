namespace SalesBot.Shopify.Sync;

/// <summary>The <c>sync</c> section of <c>GET /shopify/{shop}/status</c>.</summary>
public sealed record SyncStatus(DateTimeOffset? LastSyncAt, string? LastSyncMode, SyncFailureStatus? LastFailure)
{
    public static SyncStatus From(ShopSyncState row) => new(row.LastSyncAt, row.LastSyncMode,
        row.LastFailureAt is { } at ? new SyncFailureStatus(at, row.LastFailureMode, row.LastFailure ?? "", row.LastFailureUnapplied, row.LastFailureRetrying) : null);
}

/// <summary>
/// What went wrong last: when, in which kind of sync, why, how many changed items it left unapplied, and whether
/// the sync retries them (a passing outage) or leaves them to the next full poll (a refusal retrying cannot fix).
/// </summary>
public sealed record SyncFailureStatus(DateTimeOffset At, string? Mode, string Error, int Unapplied, bool WillRetry);
