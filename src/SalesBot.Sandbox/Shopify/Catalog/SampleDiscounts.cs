using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>Cycles through the discount shapes the app must understand, so every one of them appears in a store.</summary>
internal static class SampleDiscounts
{
    public static StoreDiscount Add(ShopifyStore store, int index, IEnumerable<string> codes)
    {
        var discount = (index % 4) switch
        {
            0 => store.AddDiscount(DiscountKind.Basic, $"{10 + index % 3 * 5}% off everything", codes),
            1 => store.AddDiscount(DiscountKind.Basic, "$10 off orders over $50", codes),
            2 => store.AddDiscount(DiscountKind.Bxgy, "Buy 2 get 1 free", codes),
            _ => store.AddDiscount(DiscountKind.FreeShipping, "Free shipping over $75", codes),
        };
        switch (index % 4)
        {
            case 0:
                discount.CustomerGets = new DiscountValue.Percentage((10 + index % 3 * 5) / 100.0);
                discount.AppliesOncePerCustomer = true;
                break;
            case 1:
                discount.CustomerGets = new DiscountValue.Amount(10m, false);
                discount.Minimum = new DiscountMinimum.Subtotal(50m);
                discount.UsageLimit = 100;
                break;
            case 2:
                discount.CustomerBuys = new DiscountBuys.Quantity(2);
                discount.CustomerGets = new DiscountValue.OnQuantity(1, new DiscountValue.Percentage(1.0));
                discount.UsesPerOrderLimit = 1;
                break;
            default:
                discount.Minimum = new DiscountMinimum.Subtotal(75m);
                discount.MaximumShippingPrice = 20m;
                discount.EndsAt = store.Now.AddDays(30);
                break;
        }
        return discount;
    }

    /// <summary>
    /// The codes a bot must never hand out, as real stores have them: one limited to a single use in total, one for
    /// listed customers only, one for a customer segment; and an expired one, which no one can use any more.
    /// </summary>
    public static void AddRestricted(ShopifyStore store)
    {
        var single = store.AddDiscount(DiscountKind.Basic, "25% off, one lucky shopper", ["ONETIME25"]);
        single.CustomerGets = new DiscountValue.Percentage(0.25);
        single.UsageLimit = 1;

        var vip = store.AddDiscount(DiscountKind.Basic, "VIP 20% off", ["VIP20"]);
        vip.CustomerGets = new DiscountValue.Percentage(0.2);
        vip.Audience = DiscountAudience.Customers;
        vip.AudienceIds.AddRange([store.NewId(), store.NewId()]);

        var members = store.AddDiscount(DiscountKind.FreeShipping, "Free shipping for members", ["MEMBERSHIP"]);
        members.Audience = DiscountAudience.Segments;
        members.AudienceIds.Add(store.NewId());

        var expired = store.AddDiscount(DiscountKind.Basic, "Summer sale 15% off", ["SUMMER15"]);
        expired.CustomerGets = new DiscountValue.Percentage(0.15);
        expired.StartsAt = store.Now.AddDays(-120);
        expired.EndsAt = store.Now.AddDays(-30);
    }
}
