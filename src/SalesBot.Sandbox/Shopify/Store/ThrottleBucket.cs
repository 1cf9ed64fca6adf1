namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>Shopify's leaky bucket of query cost points: drains by cost, refills at a fixed rate.</summary>
public sealed class ThrottleBucket(double maximum, double restoreRate, TimeProvider time)
{
    private readonly double _maximum = maximum;
    private readonly Lock _lock = new();
    private double _available = maximum;
    private DateTimeOffset _last = time.GetUtcNow();

    public double Maximum => _maximum;
    public double RestoreRate => restoreRate;

    public double Available
    {
        get { lock (_lock) { Refill(); return _available; } }
    }

    /// <summary>Takes <paramref name="cost"/> points if that many are available now.</summary>
    public bool TryTake(int cost, out double availableAfter)
    {
        lock (_lock)
        {
            Refill();
            if (cost > _available) { availableAfter = _available; return false; }
            _available -= cost;
            availableAfter = _available;
            return true;
        }
    }

    /// <summary>Gives back what a query was charged for but did not use.</summary>
    public double Refund(int points)
    {
        lock (_lock)
        {
            Refill();
            _available = Math.Min(_maximum, _available + Math.Max(0, points));
            return _available;
        }
    }

    private void Refill()
    {
        var now = time.GetUtcNow();
        var elapsed = (now - _last).TotalSeconds;
        if (elapsed > 0) _available = Math.Min(_maximum, _available + elapsed * restoreRate);
        _last = now;
    }
}
