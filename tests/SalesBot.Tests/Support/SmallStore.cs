using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;

namespace SalesBot.Tests.Support;

/// <summary>A sandbox store just big enough for flow tests (sign-in, page connect, refusals): a few products, one collection, one discount.</summary>
public static class SmallStore
{
    public static ShopifySandboxOptions Options(int products = 3, bool unthrottled = false)
    {
        var options = new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec { Products = products, LargeProducts = 0, Collections = 1, Discounts = 1, LargeDiscounts = 0 }),
        };
        if (unthrottled)
        {
            // A bucket no test of these flows can empty, so a cost wait never slows them.
            options.ThrottleBucketSize = 100_000;
            options.ThrottleRestoreRate = 100_000;
        }
        return options;
    }
}
