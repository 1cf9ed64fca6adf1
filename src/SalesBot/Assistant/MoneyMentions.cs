using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>
/// Money amounts written in text ("$19.99", "€1.234,50", "42 USD", "50 dollars"), as the shop's
/// money format or a model would write them.
/// </summary>
public static partial class MoneyMentions
{
    public static IEnumerable<Match> Find(string text) => Pattern().Matches(text);

    /// <summary>Rewrites each amount in place, e.g. to repair it to the catalog price.</summary>
    public static string Replace(string text, MatchEvaluator evaluator) => Pattern().Replace(text, evaluator);

    /// <summary>The amounts in <paramref name="text"/>, e.g. a shopper's "under $30".</summary>
    public static IEnumerable<decimal> Amounts(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        foreach (Match m in Pattern().Matches(text))
            if (Parse(m) is { } amount) yield return amount;
    }

    public static decimal? Parse(Match match) => ParseNumber(match.Groups["a"].Value);

    /// <summary>
    /// "1,234.50" and "1.234,50" are both 1234.5: the last separator is the decimal one when two
    /// digits follow it (or both kinds appear); otherwise separators group thousands.
    /// </summary>
    public static decimal? ParseNumber(string value)
    {
        var lastComma = value.LastIndexOf(',');
        var lastDot = value.LastIndexOf('.');
        string normalized;
        if (lastComma >= 0 && lastDot >= 0)
            normalized = lastComma > lastDot ? value.Replace(".", "").Replace(',', '.') : value.Replace(",", "");
        else if (lastComma >= 0)
            normalized = value.Length - lastComma - 1 == 2 ? value.Replace(',', '.') : value.Replace(",", "");
        else if (lastDot >= 0 && value.Length - lastDot - 1 == 3 && value.IndexOf('.') != lastDot)
            normalized = value.Replace(".", "");
        else
            normalized = value;
        return decimal.TryParse(normalized, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    // A symbol before the number, or a symbol, code or currency word after it.
    [GeneratedRegex(@"(?:(?:US|CA|AU|NZ)?[$€£¥]\s?(?<a>\d[\d.,]*\d|\d))|(?:(?<a>\d[\d.,]*\d|\d)\s?(?:€|£|\$|(?:EUR|USD|GBP|CAD|AUD|dollars?|euros?|pounds?)\b))", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Pattern();
}
