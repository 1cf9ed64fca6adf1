namespace SalesBot.Shopify.Sync;

/// <summary>
/// Where a batch's changes came from, told how their sync ended. The record of them (webhook deliveries) belongs
/// to Webhooks, which implements this, so the queue never writes another part's table.
/// </summary>
public interface IChangeReceipts
{
    /// <summary>
    /// Processed marks them done; a failure counts the attempt. A reason is kept as the last error (null keeps the
    /// one there). Returns the most attempts any of them has had.
    /// </summary>
    Task<int> MarkAsync(IReadOnlyList<string> eventIds, bool processed, string? error, bool countAttempt, CancellationToken cancellationToken);
}
