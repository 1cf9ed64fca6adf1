namespace SalesBot.Data.Retention;

/// <summary>
/// One table's pruning, implemented by the part that owns the table (the sweeper never touches a table itself).
/// A batch deletes at most <c>max</c> of the oldest expired rows, found through an index on the age column, so each
/// DELETE is short and never holds SQLite's single writer lock for long while webhooks are being recorded.
/// </summary>
public interface IRetentionSweep
{
    /// <summary>The table swept, for logs.</summary>
    string Table { get; }

    /// <summary>Deletes up to <paramref name="max"/> expired rows as of <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteBatchAsync(DateTimeOffset now, int max, CancellationToken cancellationToken);
}
