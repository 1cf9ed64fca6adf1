using System.Text;
using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>
/// Lowercase word tokens with a light English plural stemmer: enough for "earrings" to find
/// "Earrings" and "dresses" to find "dress" without pulling in a stemming library.
/// </summary>
public static partial class Tokenizer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "with", "do", "does", "you", "your", "have", "has",
        "any", "some", "what", "which", "is", "are", "i", "me", "my", "we", "it", "this", "that", "can", "could", "would",
        "like", "want", "need", "looking", "look", "find", "show", "get", "please", "pls", "sell", "got", "there", "s",
        "something", "anything", "thing", "things", "be", "am", "im", "at", "from", "by", "about", "how", "much", "many",
        "hi", "hello", "hey", "thanks", "thank", "buy", "shop", "store", "item", "items", "product", "products", "kind",
        "also", "other", "more", "options", "option", "recommend", "suggest", "good", "nice", "one", "ones", "sale",
    };

    /// <summary>True for an English word too common to search by ("a", "for", "me").</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(word);

    public static IEnumerable<string> Words(string text)
    {
        foreach (Match m in WordPattern().Matches(text.ToLowerInvariant()))
            yield return m.Value;
    }

    /// <summary>Search terms: words without stop words, stemmed.</summary>
    public static IEnumerable<string> Terms(string text)
    {
        foreach (var word in Words(text))
        {
            if (StopWords.Contains(word)) continue;
            yield return Stem(word);
        }
    }

    public static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsLetter(word[^1])) return word;
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4) return word[..^3] + "y";
        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal))
            return word[..^2];
        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal))
            return word[..^1];
        return word;
    }

    /// <summary>Product descriptions arrive as HTML; only their words matter here.</summary>
    public static string StripHtml(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var text = TagPattern().Replace(html, " ");
        text = System.Net.WebUtility.HtmlDecode(text);
        return SpacePattern().Replace(text, " ").Trim();
    }

    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var word in Words(text)) sb.Append(word).Append(' ');
        return sb.ToString().TrimEnd();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex WordPattern();

    // Up to the next '<' at most, so a description full of '<' without '>' is read once, not once per '<'.
    [GeneratedRegex("<[^<>]*>", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex SpacePattern();
}
