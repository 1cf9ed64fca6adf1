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
}
