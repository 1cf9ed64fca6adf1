using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>
/// Discounts written in words rather than "20%": "fifty percent off", "half price", "2 for 1", "buy one get one", "BOGO".
/// A mention carries the percentage it promises when it has one (half price is 50), so the fact check can hold it to the
/// same rule as "50%": a shareable discount or the product's own markdown must give it.
/// </summary>
public static partial class DiscountWords
{
    public sealed record Mention(string Text, decimal? Percent);

    private static readonly Dictionary<string, int> Units = new(StringComparer.Ordinal)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16,
        ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50,
        ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90, ["hundred"] = 100, ["a hundred"] = 100, ["one hundred"] = 100,
    };

    /// <summary>The discounts in words in the sentence; "100 percent cotton" is none, as with "100%" the sentence must speak of a price cut.</summary>
    public static IEnumerable<Mention> In(string sentence)
    {
        var lower = sentence.ToLowerInvariant();
        if (PercentMentions.IsPromotion(lower))
            foreach (Match m in PercentWordPattern().Matches(lower))
                yield return new Mention(m.Value, NumberOf(m.Groups["n"].Value));
        foreach (Match m in HalfPattern().Matches(lower)) yield return new Mention(m.Value, 50m);
        foreach (Match m in MultiBuyPattern().Matches(lower)) yield return new Mention(m.Value, null);
    }

    /// <summary>True when a discount's own description speaks of a multi-buy ("Buy one, get one free"), which backs "BOGO".</summary>
    public static bool IsMultiBuy(string? text) => !string.IsNullOrEmpty(text) && MultiBuyPattern().IsMatch(text.ToLowerInvariant());

    /// <summary>"fifty" → 50, "twenty-five" → 25, "12.5" → 12.5.</summary>
    private static decimal? NumberOf(string words)
    {
        if (MoneyMentions.ParseNumber(words) is { } digits) return digits;
        var total = 0;
        foreach (var part in words.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Units.TryGetValue(part, out var value)) return null;
            total += value;
        }
        return total;
    }

    [GeneratedRegex(@"\b(?<n>\d{1,3}(?:[.,]\d{1,2})?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|five|(?:a |one )?hundred))\s*(?:percent|per cent|pct)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex PercentWordPattern();

    [GeneratedRegex(@"\bhalf[- ](?:price[ds]?|off)\b|\b(?:at|for) half (?:the )?price\b|\b50/50\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex HalfPattern();

    [GeneratedRegex(@"\b(?:2|two|3|three)\s*(?:for|4)\s*(?:1|one|2|two)\b|\bbuy (?:one|1|two|2)[, ]+get (?:one|1|another|a second)\b|\bbogo(?:f)?\b|\bsecond (?:one|item) (?:free|half off)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex MultiBuyPattern();
}
