using System.Text.RegularExpressions;
using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// Promises about the store that only its policies can make: a delivery time ("arrives tomorrow", "in 2 days"), easy or
/// free returns, a lifetime warranty, something "forever". Each passes only when the policy text says the same words.
/// </summary>
public static partial class PolicyPromises
{
    /// <summary>Why the sentence promises what no policy states, or null.</summary>
    public static string? Problem(string lower, CatalogIndex catalog)
    {
        if (ArrivalPattern().IsMatch(lower))
            foreach (Match time in DeliveryTimePattern().Matches(lower))
                if (!Says(catalog, StoreTopic.Shipping, time.Groups["t"].Value))
                    return $"a delivery time '{time.Value}' the shipping policy does not state";
        foreach (Match promise in ReturnsPattern().Matches(lower))
            if (!Says(catalog, StoreTopic.Refund, promise.Groups["q"].Value))
                return $"'{promise.Value}', which the returns policy does not offer";
        foreach (Match promise in LastingPattern().Matches(lower))
            if (!Says(catalog, null, promise.Value))
                return $"'{promise.Value}', which no policy promises";
        return null;
    }

    /// <summary>The policy (or, with no topic, any policy) states the phrase, compared as normalized words.</summary>
    private static bool Says(CatalogIndex catalog, StoreTopic? topic, string phrase)
    {
        var all = catalog.Shop.ShopPolicies ?? [];
        var policies = topic is { } t ? all.Where(p => p == PolicyAnswers.Find(all, t)) : all;
        var wanted = " " + Tokenizer.Normalize(phrase) + " ";
        return policies.Any(p => (" " + Tokenizer.Normalize(string.Join(" ", PolicyAnswers.Sentences(p.Body))) + " ").Contains(wanted, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\b(?:arriv\w*|deliver\w*|ship|ships|shipped|shipping|get (?:it|them|yours|your order)|receive\w*|reach(?:es)? you|at your door\w*|on your doorstep)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ArrivalPattern();

    [GeneratedRegex(@"\b(?<t>tomorrow|today|tonight|overnight|(?:same|next)[- ]day|this (?:week|weekend)|by (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend)|(?:\d{1,2}|one|two|three|four|five|six|seven) (?:business |working )?(?:days?|weeks?|hours?))\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex DeliveryTimePattern();

    [GeneratedRegex(@"\b(?<q>free|easy|hassle[- ]free|no[- ]questions[- ]asked|unlimited|anytime|any time)\b[^.!?]{0,30}\b(?:returns?|exchanges?|refunds?)\b|\b(?:returns?|exchanges?|refunds?)\b[^.!?]{0,20}\b(?:are|is) (?:always |totally |completely )?(?<q>free|easy)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ReturnsPattern();

    [GeneratedRegex(@"\b(?:lifetime|forever|for life|never expires?|money[- ]back guarantee|guarantee[ds]?|warrant(?:y|ies))\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex LastingPattern();
}
