namespace SalesBot.Assistant;

/// <summary>
/// What one turn established besides the catalog: the products the tools returned, the amounts
/// the shopper (or the model's searches) used as a budget ("under $30"), and the discounts that may be mentioned now
/// (<see cref="AssistantRequest.ShareableDiscounts"/>: none outside the promotion window or when the merchant picked none).
/// </summary>
public sealed record TurnFacts(IReadOnlyCollection<IndexedProduct> Seen, IReadOnlySet<decimal> Budgets, IReadOnlyList<ActiveDiscount> Shareable)
{
    public bool MayPromote => Shareable.Count > 0;

    /// <summary>The percentages the shareable discounts give: "15% off" is only true of one of them.</summary>
    public IReadOnlySet<decimal> SharedPercents => _sharedPercents ??= CatalogAmounts.PercentsOfDiscounts(Shareable.Select(d => d.Discount).Distinct());
    private HashSet<decimal>? _sharedPercents;

    public static TurnFacts For(AssistantRequest request, CatalogTools tools, IReadOnlyList<ActiveDiscount> shareable)
    {
        var budgets = new HashSet<decimal>(tools.PriceBounds.Select(CatalogAmounts.Normalize));
        foreach (var line in request.History.Where(h => h.Role == "user").Select(h => h.Text).Append(request.Text))
        {
            // Every turn rereads the history; capped, a pasted wall of digits costs what a normal message does.
            var text = ChatLimits.Cap(line, ChatLimits.ShopperText);
            var query = ShopperMessage.Parse(text).Query;
            if (query.MinPrice is { } min) budgets.Add(CatalogAmounts.Normalize(min));
            if (query.MaxPrice is { } max) budgets.Add(CatalogAmounts.Normalize(max));
            budgets.UnionWith(MoneyMentions.Amounts(text).Select(CatalogAmounts.Normalize));
        }
        return new TurnFacts(tools.Seen, budgets, shareable);
    }
}
