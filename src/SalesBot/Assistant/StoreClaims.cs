using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>
/// The fact check's part for the store itself: a model's sentence may not state an order's status (nothing here can
/// see orders), and a sentence about shipping may name a country, a cost, a delivery time or free shipping only when
/// the shop's shipping policy says so.
/// </summary>
public static partial class StoreClaims
{
    /// <summary>Why the sentence claims what no policy states, or null when it does not.</summary>
    public static string? Problem(string sentence, CatalogIndex catalog)
    {
        var lower = sentence.ToLowerInvariant();
        if (OrderStatusClaimPattern().IsMatch(lower)) return "an order status nobody looked up";
        if (PolicyPromises.Problem(lower, catalog) is { } promise) return promise;
        if (!ShippingPattern().IsMatch(lower)) return null;

        var policy = PolicyAnswers.Find(catalog.Shop.ShopPolicies, StoreTopic.Shipping);
        var sentences = PolicyAnswers.Sentences(policy?.Body);
        var text = string.Join(" ", sentences);
        var normalized = " " + Tokenizer.Normalize(text) + " ";

        if (StoreQuestion.PlaceIn(lower) is { } place && !sentences.Any(s => PolicyAnswers.Names(s, place)))
            return $"shipping to '{place}', which the shipping policy does not name";
        var stated = MoneyMentions.Amounts(text).Select(CatalogAmounts.Normalize).ToHashSet();
        foreach (var amount in MoneyMentions.Amounts(sentence))
            if (!stated.Contains(CatalogAmounts.Normalize(amount)))
                return $"a shipping amount {amount} the shipping policy does not state";
        foreach (Match time in PolicyAnswers.TimeWordPattern().Matches(lower))
            if (!normalized.Contains(" " + Tokenizer.Normalize(time.Value) + " ", StringComparison.Ordinal))
                return $"a delivery time '{time.Value}' the shipping policy does not state";
        if (FreePattern().IsMatch(lower) && !FreePattern().IsMatch(text.ToLowerInvariant()))
            return "free shipping, which the shipping policy does not offer";
        return null;
    }

    /// <summary>A shipping sentence's amount that the shipping policy states ("Shipping costs $7.50"), which no product price need match.</summary>
    public static bool IsShippingAmount(string sentence, CatalogIndex catalog, decimal amount) =>
        ShippingPattern().IsMatch(sentence.ToLowerInvariant())
        && MoneyMentions.Amounts(string.Join(" ", PolicyAnswers.Sentences(PolicyAnswers.Find(catalog.Shop.ShopPolicies, StoreTopic.Shipping)?.Body)))
            .Any(a => CatalogAmounts.Normalize(a) == amount);

    // "Your order has shipped", "your package is on its way", "#1001 will arrive tomorrow".
    [GeneratedRegex(@"\b(?:your|the) (?:order|package|parcel)s?\b(?:\s*#?\d+)?[^.!?]*\b(?:has|have|is|was|were|will|should)\b[^.!?]*\b(?:shipped|dispatched|delivered|on (?:its|the) way|out for delivery|being (?:processed|prepared|packed)|in transit|arriv\w*)|#\d{3,}\b[^.!?]*\b(?:has|is|was|will)\b[^.!?]*\b(?:shipped|dispatched|delivered|on (?:its|the) way|arriv\w*)", RegexOptions.NonBacktracking)]
    private static partial Regex OrderStatusClaimPattern();

    [GeneratedRegex(@"\b(?:ship|ships|shipping|shipped|deliver|delivers|delivery|deliveries|postage|courier)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ShippingPattern();

    [GeneratedRegex(@"\bfree\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex FreePattern();
}
