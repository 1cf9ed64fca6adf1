namespace SalesBot.Assistant;

/// <summary>
/// What one turn established besides the catalog: the products the tools returned, the amounts
/// the shopper (or the model's searches) used as a budget ("under $30"), and whether promotions
/// may be mentioned now.
/// </summary>
public sealed record TurnFacts(IReadOnlyCollection<IndexedProduct> Seen, IReadOnlySet<decimal> Budgets, bool MayPromote)
{
    public static TurnFacts For(AssistantRequest request, CatalogTools tools)
    {
        var budgets = new HashSet<decimal>(tools.PriceBounds.Select(CatalogAmounts.Normalize));
        foreach (var text in request.History.Where(h => h.Role == "user").Select(h => h.Text).Append(request.Text))
        {
            var query = ShopperMessage.Parse(text).Query;
            if (query.MinPrice is { } min) budgets.Add(CatalogAmounts.Normalize(min));
            if (query.MaxPrice is { } max) budgets.Add(CatalogAmounts.Normalize(max));
            budgets.UnionWith(MoneyMentions.Amounts(text).Select(CatalogAmounts.Normalize));
        }
        return new TurnFacts(tools.Seen, budgets, request.MayPromote);
    }
}
