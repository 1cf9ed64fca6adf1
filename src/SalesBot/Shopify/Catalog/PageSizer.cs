namespace SalesBot.Shopify.Catalog;

/// <summary>
/// Picks a connection's <c>first</c> so a query costs about a target share of what one query may cost
/// (1000 points, or less when the shop's bucket is smaller). Shopify's requested cost grows linearly
/// with <c>first</c>, so one measured page tells the cost per item.
/// </summary>
public sealed class PageSizer(int initial, int max = 250)
{
    private const double SingleQueryLimit = 1000;
    private const double TargetShare = 0.8;

    public int First { get; private set; } = Math.Clamp(initial, 1, max);

    /// <summary>Re-sizes from the requested cost of a page fetched with the current <see cref="First"/>.</summary>
    public void Observe(double? requestedCost, double bucketMaximum)
    {
        if (requestedCost is not > 0) return;
        var budget = Math.Min(SingleQueryLimit, bucketMaximum) * TargetShare;
        var perItem = requestedCost.Value / First;
        First = Math.Clamp((int)Math.Floor(budget / perItem), 1, max);
    }

    /// <summary>After MAX_COST_EXCEEDED: half as many, at least one.</summary>
    public bool Shrink()
    {
        if (First == 1) return false;
        First = Math.Max(1, First / 2);
        return true;
    }
}
