using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>Percentages in text ("15%", "20 %", "12.5%"), for checking promised discounts.</summary>
public static partial class PercentMentions
{
    public static IEnumerable<Match> Find(string text) => Pattern().Matches(text);

    public static decimal? Value(Match match) =>
        decimal.TryParse(match.Groups["p"].Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static IEnumerable<decimal> Values(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (Match m in Pattern().Matches(text))
            if (Value(m) is { } value) yield return value;
    }

    /// <summary>True when the sentence speaks of a price cut, so "100% cotton" is left alone.</summary>
    public static bool IsPromotion(string sentence) => PromotionPattern().IsMatch(sentence);

    [GeneratedRegex(@"(?<p>\d{1,3}(?:[.,]\d{1,2})?)\s?%", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"\b(?:off|discount(?:ed|s)?|sav(?:e|es|ing|ings)|sale|reduced|deal|promo(?:tion)?|rabatt|descuento|rebaja|réduction|remise|sconto|korting)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexLimits.TimeoutMs)]
    private static partial Regex PromotionPattern();
}
