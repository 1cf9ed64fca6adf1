using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>
/// What reads as a discount code in the model's words: any word right after "code"/"coupon"/"promo"… in any case
/// ("use code freebie"), and a shouted token elsewhere ("SAVE10", "FREESHIP"). The fact check then asks whether it is a
/// code the merchant lets the bot share.
/// </summary>
public static partial class CodeMentions
{
    /// <summary>A candidate code; <see cref="Named"/> when a code word introduced it, so it is a code whatever it looks like.</summary>
    public sealed record Mention(string Value, bool Named);

    /// <summary>Words that follow "code" in ordinary prose ("no code needed", "the code is…"), which are not codes themselves.</summary>
    private static readonly HashSet<string> Prose = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "at", "is", "are", "was", "be", "for", "to", "in", "on", "of", "it", "by", "as", "if",
        "you", "your", "this", "that", "these", "those", "when", "with", "from", "here", "there", "now", "will", "can", "may",
        "works", "work", "needed", "required", "necessary", "applies", "applied", "apply", "automatically", "below", "above",
        "none", "has", "have", "ends", "expires", "valid", "only", "just", "field", "box", "section", "page", "yet", "but",
        "code", "codes", "coupon", "coupons", "promo", "promos", "right", "available", "today", "either", "any", "not",
    };

    /// <summary>Shouted words that are emphasis, not codes.</summary>
    private static readonly HashSet<string> Emphasis = new(StringComparer.Ordinal)
    {
        "SOLD", "OUT", "NEW", "NOW", "ONLY", "LAST", "HOT", "FREE", "SALE", "NOTE", "TODAY", "ASAP", "FAQ", "ALSO", "VERY",
        "MUST", "HAVE", "BEST", "LOVE", "WILL", "JUST", "THIS", "THAT", "WITH", "YOUR", "STOCK", "LEFT", "PLUS", "INFO",
    };

    public static IEnumerable<Mention> In(string sentence)
    {
        var named = new HashSet<int>();
        foreach (Match m in NamedPattern().Matches(sentence))
        {
            var value = m.Groups["c"];
            if (Prose.Contains(value.Value)) continue;
            named.Add(value.Index);
            yield return new Mention(value.Value, true);
        }
        foreach (Match m in ShoutedPattern().Matches(sentence))
        {
            if (named.Contains(m.Index) || !m.Value.Any(char.IsLetter)) continue;
            // Digits make "SAVE10" a code; an all-letter shout is one unless it is plain emphasis ("SOLD OUT").
            if (m.Value.Any(char.IsDigit) || (m.Value.Length >= 4 && !Emphasis.Contains(m.Value)))
                yield return new Mention(m.Value, false);
        }
    }

    // The code word, an optional colon or opening quote, then the code: letters, digits, dash or underscore, any case.
    [GeneratedRegex(@"\b(?:[Cc][Oo][Dd][Ee][Ss]?|[Cc]oupons?|COUPONS?|[Pp]romo(?:\s*[Cc]odes?)?|PROMO(?:\s*CODES?)?|[Vv]ouchers?|[Cc]ódigo|[Cc]odice|[Gg]utschein(?:code)?|[Rr]abattcode)\s*:?\s*[""“'‘]?(?<c>[\p{L}\p{N}_-]{3,40})", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex NamedPattern();

    // A whole token of capitals, digits, dash and underscore that starts with a capital or digit.
    [GeneratedRegex(@"\b[A-Z0-9][A-Z0-9_-]{2,39}\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex ShoutedPattern();
}
