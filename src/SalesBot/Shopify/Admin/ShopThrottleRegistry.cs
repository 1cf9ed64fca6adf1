using System.Collections.Concurrent;

namespace SalesBot.Shopify.Admin;

/// <summary>One <see cref="ShopThrottle"/> per shop for the life of the process.</summary>
public sealed class ShopThrottleRegistry(TimeProvider time, AdminApiMetrics metrics)
{
    private readonly ConcurrentDictionary<string, ShopThrottle> _byShop = new(StringComparer.OrdinalIgnoreCase);

    public ShopThrottle For(string shop) => _byShop.GetOrAdd(shop, _ => new ShopThrottle(time, metrics));

    /// <summary>
    /// What this process last learned of the shop's Admin API cost and bucket; null when it has not called Shopify for
    /// the shop since it started. Kept in memory, not in the database: every response reports the whole bucket, so
    /// the latest reading of any instance is complete, and a write per query would add a database round trip to each
    /// of the hundreds of queries a full read makes. The cost of each sync run is durable in its run history.
    /// </summary>
    public AdminApiUsage? Usage(string shop) =>
        _byShop.TryGetValue(shop, out var throttle) && (throttle.LastQuery is not null || throttle.Last is not null)
            ? new AdminApiUsage(throttle.LastQuery, throttle.Last, throttle.LastObservedAt)
            : null;
}
