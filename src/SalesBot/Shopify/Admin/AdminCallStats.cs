namespace SalesBot.Shopify.Admin;

/// <summary>Running totals of what a client's queries cost, for the fetch report and benchmarks.</summary>
public sealed class AdminCallStats
{
    private long _queries, _requested, _actual, _throttled, _retries;

    public long Queries => Interlocked.Read(ref _queries);
    public long RequestedCost => Interlocked.Read(ref _requested);
    public long ActualCost => Interlocked.Read(ref _actual);
    public long Throttled => Interlocked.Read(ref _throttled);
    public long Retries => Interlocked.Read(ref _retries);

    internal void AddQuery(double requested, double actual)
    {
        Interlocked.Increment(ref _queries);
        Interlocked.Add(ref _requested, (long)Math.Round(requested));
        Interlocked.Add(ref _actual, (long)Math.Round(actual));
    }

    internal void AddThrottled() => Interlocked.Increment(ref _throttled);

    internal void AddRetry() => Interlocked.Increment(ref _retries);
}
