
namespace SalesBot.Shopify.Admin;

/// <summary>
/// What we know of one shop's leaky bucket, learned from <c>extensions.cost.throttleStatus</c>, so a
/// query waits for enough points instead of being refused. Shared by every client of the shop.
/// </summary>
/// <param name="metrics">Where each answered query's cost is counted; none for clients made outside the app (benches, tests).</param>
public sealed class ShopThrottle(TimeProvider time, AdminApiMetrics? metrics = null)
{
    private readonly Lock _gate = new();
    private double _available = double.NaN;
    private double _maximum = 1000;
    private double _restoreRate = 50;
    private long _observedAt;

    public ThrottleStatus? Last { get; private set; }

    /// <summary>When <see cref="Last"/> was read from a response.</summary>
    public DateTimeOffset? LastObservedAt { get; private set; }

    /// <summary>The last query that ran for the shop in this process, with what Shopify said it cost.</summary>
    public AdminQueryCost? LastQuery { get; private set; }

    internal void RecordQuery(AdminQueryCost query)
    {
        lock (_gate) LastQuery = query;
        metrics?.Answered(query);
    }

    public double Maximum { get { lock (_gate) return _maximum; } }

    public void Observe(ThrottleStatus status)
    {
        lock (_gate)
        {
            _available = status.CurrentlyAvailable;
            _maximum = status.MaximumAvailable;
            _restoreRate = Math.Max(status.RestoreRate, 1);
            _observedAt = time.GetTimestamp();
            Last = status;
            LastObservedAt = time.GetUtcNow();
        }
    }

    /// <summary>How long to wait before <paramref name="cost"/> points are there; zero when unknown or affordable.</summary>
    public TimeSpan DelayFor(double cost)
    {
        lock (_gate)
        {
            if (double.IsNaN(_available)) return TimeSpan.Zero;
            var now = Math.Min(_maximum, _available + time.GetElapsedTime(_observedAt).TotalSeconds * _restoreRate);
            var needed = Math.Min(cost, _maximum) - now;
            return needed <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(needed / _restoreRate);
        }
    }
}
