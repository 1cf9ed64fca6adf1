using System.Text;

namespace SalesBot.Assistant;

/// <summary>
/// Spanish, French and German shopping words in English, from the embedded <c>Data/shopper-glossary.txt</c>: most
/// catalogs are written in English while shoppers write "collar de oro" or "Lederjacke", and the word index and the
/// English-only sentence model find nothing in those words. <see cref="ToCatalogWords"/> rewrites a query word by word
/// (a dictionary lookup each), keeping every word the catalog itself names things with.
/// </summary>
public static partial class ShopperGlossary
{
    private const string FunctionWord = "-";

    /// <summary>One form's reading: its English words (<see cref="FunctionWord"/> for a function word), and whether it is also English.</summary>
    private sealed record Entry(string Language, string English, bool AlsoEnglish);

    /// <summary>Every written form of each language with its English, as the file has it (for the file's own tests).</summary>
    public static IReadOnlyList<(string Language, string Form, string English)> WrittenForms => Loaded.Written;

    /// <summary>
    /// <paramref name="text"/> in the catalog's words: a word (or phrase, "gafas de sol") the catalog does not name
    /// things with becomes its English, function words ("de", "für", "une") go, and every other word stays as written.
    /// </summary>
    /// <param name="catalogNames">Whether the catalog names things with this stemmed term ("collar" in a pet shop).</param>
    public static string ToCatalogWords(string text, Func<string, bool> catalogNames)
    {
        var words = Tokenizer.Words(text).ToList();
        if (words.Count == 0) return text;
        var folded = words.Select(Fold).ToList();
        var languages = LanguagesOf(folded);
        var result = new StringBuilder(text.Length + 16);
        var changed = false;
        for (var i = 0; i < words.Count;)
        {
            if (catalogNames(Tokenizer.Stem(words[i])))
            {
                Append(result, words[i++]);
                continue;
            }
            if (Longest(folded, i, languages) is { } phrase)
            {
                if (phrase.Entry.English != FunctionWord) Append(result, phrase.Entry.English);
                i += phrase.Words;
                changed = true;
                continue;
            }
            if (Compound(folded[i]) is { } english)
            {
                Append(result, english);
                i++;
                changed = true;
                continue;
            }
            Append(result, words[i++]);
        }
        // A message of function words alone ("de la") stays as it was: "not found", not every product by price.
        return changed && result.Length > 0 ? result.ToString() : text;
    }

    private static void Append(StringBuilder sb, string words)
    {
        if (sb.Length > 0) sb.Append(' ');
        sb.Append(words);
    }

    /// <summary>The longest phrase starting at <paramref name="start"/> that reads as a foreign word here, and its length in words.</summary>
    private static (Entry Entry, int Words)? Longest(List<string> folded, int start, Dictionary<string, int> languages)
    {
        for (var length = Math.Min(Loaded.LongestPhrase, folded.Count - start); length >= 1; length--)
        {
            var key = length == 1 ? folded[start] : string.Join(' ', folded.GetRange(start, length));
            if (!Loaded.Forms.TryGetValue(key, out var entries)) continue;
            // What the other words say: a word's own mark does not decide between its languages.
            var own = length == 1 ? Loaded.Marks.GetValueOrDefault(key) ?? [] : [];
            int Others(string language) => languages.GetValueOrDefault(language) - (own.Contains(language) ? 1 : 0);
            // "Mantel" is a Spanish tablecloth and a German coat: the language the rest of the message is in chooses.
            var entry = entries.MaxBy(e => Others(e.Language))!;
            if (length == 1 && !Reads(entry, key, Others(entry.Language) > 0)) return null;
            return (entry, length);
        }
        return null;
    }

    /// <summary>
    /// Whether a single word is read as its language's: an English word ("shorts", "robe", "gold") only when another word
    /// of the message is that language's; any other word as soon as the glossary has it.
    /// </summary>
    private static bool Reads(Entry entry, string folded, bool languageElsewhere) =>
        !(entry.AlsoEnglish || Loaded.English.Contains(Tokenizer.Stem(folded))) || languageElsewhere;

    /// <summary>How many of the message's unambiguous glossary words belong to each language.</summary>
    private static Dictionary<string, int> LanguagesOf(List<string> folded)
    {
        var languages = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in folded)
            if (Loaded.Marks.TryGetValue(word, out var of))
                foreach (var language in of) languages[language] = languages.GetValueOrDefault(language) + 1;
        return languages;
    }

    /// <summary>
    /// A German compound of two glossary words ("lederjacke" = leder + jacke), the first split from the left that works:
    /// German writes new compounds freely, so no list could hold them all.
    /// </summary>
    private static string? Compound(string folded)
    {
        const int MinPart = 3;
        if (folded.Length < 2 * MinPart + 1 || Loaded.English.Contains(Tokenizer.Stem(folded))) return null;
        for (var split = MinPart; split <= folded.Length - MinPart; split++)
        {
            if (Loaded.German.TryGetValue(folded[..split], out var head) && Loaded.German.TryGetValue(folded[split..], out var tail))
                return head + " " + tail;
        }
        return null;
    }

    /// <summary>Lowercase without accents, "ß" as "ss": shoppers write "cinturon" as often as "cinturón".</summary>
    /// <remarks>
    /// A table, not Unicode decomposition: the build sets InvariantGlobalization, where <c>Normalize</c> leaves
    /// "à" as it is; these three languages need only the Latin-1 letters and "œ".
    /// </remarks>
    public static string Fold(string word)
    {
        var lower = word.ToLowerInvariant();
        if (!lower.Any(c => c > '\u007f')) return lower;
        var sb = new StringBuilder(lower.Length + 2);
        foreach (var c in lower)
            sb.Append(c switch
            {
                'à' or 'á' or 'â' or 'ã' or 'ä' or 'å' => "a",
                'ç' => "c",
                'è' or 'é' or 'ê' or 'ë' => "e",
                'ì' or 'í' or 'î' or 'ï' => "i",
                'ñ' => "n",
                'ò' or 'ó' or 'ô' or 'õ' or 'ö' => "o",
                'ù' or 'ú' or 'û' or 'ü' => "u",
                'ý' or 'ÿ' => "y",
                'œ' => "oe",
                'æ' => "ae",
                'ß' => "ss",
                _ => c.ToString(),
            });
        return sb.ToString();
    }
}
