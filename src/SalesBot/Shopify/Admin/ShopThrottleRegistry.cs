using System.Collections.Concurrent;

namespace SalesBot.Shopify.Admin;

/// <summary>One <see cref="ShopThrottle"/> per shop for the life of the process.</summary>
public sealed class ShopThrottleRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ShopThrottle> _byShop = new(StringComparer.OrdinalIgnoreCase);

    public ShopThrottle For(string shop) => _byShop.GetOrAdd(shop, _ => new ShopThrottle(time));
}
