using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// Every money amount the catalog states: variant prices, compare-at prices and the saving between
/// them, and the values and minimums of active discounts. A price the model writes must be one of
/// these (or one the shopper named), else it was made up.
/// </summary>
public static class CatalogAmounts
{
    public static HashSet<decimal> Build(IEnumerable<IndexedProduct> products, IEnumerable<DiscountNode> discounts)
    {
        var amounts = OfDiscounts(discounts);
        // Savings only count next to their product: "$5 off" alone would otherwise pass as "some product saves $5".
        foreach (var item in products)
            amounts.UnionWith(Of(item, withSavings: false));
        return amounts;
    }

    /// <summary>Values, minimums and amounts in the wording of active discounts.</summary>
    public static HashSet<decimal> OfDiscounts(IEnumerable<DiscountNode> discounts)
    {
        var amounts = new HashSet<decimal>();
        foreach (var node in discounts)
        {
            var d = node.CodeDiscount;
            if (!d.IsActive) continue;
            if (d.CustomerGets?.Value is { } gets) AddValue(amounts, gets);
            if (d.MinimumRequirement?.GreaterThanOrEqualToSubtotal is { } minimum) amounts.Add(Normalize(minimum.Amount));
            if (d.CustomerBuys?.Value?.Amount is { } spend) amounts.Add(Normalize(spend));
            if (d.MaximumShippingPrice is { } shipping) amounts.Add(Normalize(shipping.Amount));
            // The summary is Shopify's own wording ("$10 off orders over $50"), so its amounts are facts too.
            amounts.UnionWith(MoneyMentions.Amounts(d.Summary).Select(Normalize));
            amounts.UnionWith(MoneyMentions.Amounts(d.Title).Select(Normalize));
        }
        return amounts;
    }

    /// <summary>The percentages active discounts give (Shopify stores 0.15 for 15%), and those in their wording.</summary>
    public static HashSet<decimal> PercentsOfDiscounts(IEnumerable<DiscountNode> discounts)
    {
        var percents = new HashSet<decimal>();
        foreach (var node in discounts)
        {
            var d = node.CodeDiscount;
            if (!d.IsActive) continue;
            for (var value = d.CustomerGets?.Value; value is not null; value = value.Effect)
                if (value.Percentage is { } share) percents.Add(Math.Round((decimal)share * 100, 2));
            foreach (var text in new[] { d.Summary, d.Title })
                percents.UnionWith(PercentMentions.Values(text));
        }
        return percents;
    }

    /// <summary>"25% off" is true of a product priced 25% below its compare-at price, rounded or cut to a whole percent.</summary>
    public static IEnumerable<decimal> SavingPercentsOf(IndexedProduct item)
    {
        foreach (var v in item.Product.Variants.Nodes)
        {
            if (v.CompareAtPrice is not { } was || was <= v.Price) continue;
            var percent = (was - v.Price) / was * 100;
            yield return Math.Round(percent);
            yield return Math.Floor(percent);
        }
    }

    /// <summary>What one product may truthfully be said to cost: its prices, compare-at prices and savings.</summary>
    public static IEnumerable<decimal> Of(IndexedProduct item, bool withSavings = true)
    {
        foreach (var v in item.Product.Variants.Nodes)
        {
            yield return Normalize(v.Price);
            if (v.CompareAtPrice is { } was && was > v.Price)
            {
                yield return Normalize(was);
                if (withSavings) yield return Normalize(was - v.Price);
            }
        }
    }

    /// <summary>Prices have cents at most; "$19.999" in text is not a catalog price either way.</summary>
    public static decimal Normalize(decimal amount) => Math.Round(amount, 2);

    private static void AddValue(HashSet<decimal> amounts, DiscountGetsValue value)
    {
        if (value.Amount is { } money) amounts.Add(Normalize(money.Amount));
        if (value.Effect is { } effect) AddValue(amounts, effect);
    }
}
