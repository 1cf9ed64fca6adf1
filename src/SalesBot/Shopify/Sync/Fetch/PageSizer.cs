namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Picks how many items one query asks for (a connection's <c>first</c>, or the ids of a <c>nodes(ids:)</c> read)
/// so it costs about a target share of what one query may cost (1000 points, or less when the shop's bucket is
/// smaller). Shopify's requested cost grows linearly with the number of items, so one measured query tells the
/// cost per item.
/// </summary>
public sealed class PageSizer(int initial, int max = 250)
{
    private const double SingleQueryLimit = 1000;
    private const double TargetShare = 0.8;

    public int First { get; private set; } = Math.Clamp(initial, 1, max);

    /// <summary>The requested cost of one item, once a query has been measured.</summary>
    public double? PerItem { get; private set; }

    /// <summary>Starts from a cost per item measured earlier for the same document, so the first query already fits.</summary>
    public PageSizer Seeded(double? perItem, double bucketMaximum)
    {
        if (perItem is > 0) Size(perItem.Value, bucketMaximum);
        return this;
    }

    /// <summary>Re-sizes from the requested cost of a query that asked for <paramref name="items"/> items (default: <see cref="First"/>).</summary>
    public void Observe(double? requestedCost, double bucketMaximum, int? items = null)
    {
        if (requestedCost is not > 0) return;
        Size(requestedCost.Value / Math.Max(1, items ?? First), bucketMaximum);
    }

    /// <summary>After MAX_COST_EXCEEDED for a query of <paramref name="sent"/> items (default: <see cref="First"/>): half as many, at least one.</summary>
    public bool Shrink(int? sent = null)
    {
        var size = Math.Min(sent ?? First, First);
        if (size <= 1) return false;
        First = Math.Max(1, size / 2);
        return true;
    }

    private void Size(double perItem, double bucketMaximum)
    {
        PerItem = perItem;
        var budget = Math.Min(SingleQueryLimit, bucketMaximum) * TargetShare;
        First = Math.Clamp((int)Math.Floor(budget / perItem), 1, max);
    }
}
