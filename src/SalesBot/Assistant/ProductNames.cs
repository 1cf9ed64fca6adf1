using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>
/// Finds what looks like a product name in plain text — a run of capitalised words ("Galaxy
/// Hoodie", "7 Shakra Bracelet") using at least one word this catalog names products with — and
/// matches it, forgivingly, against the catalog: the model may shorten a title, add a colour or
/// size the product comes in, or misspell a letter, but it may not name a product that is not there.
/// </summary>
public static partial class ProductNames
{
    /// <summary>Lowercase words that may sit inside a title ("Choker with Bead", "Skirt and Top").</summary>
    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "with", "and", "of", "&", "in", "de", "la", "du" };

    /// <summary>A product-like name in the sentence and the products it matches (empty: invented).</summary>
    public sealed record Mention(string Phrase, IReadOnlyList<IndexedProduct> Matches, IndexedProduct? Exact);

    public static IEnumerable<Mention> In(string sentence, CatalogVocabulary vocabulary)
    {
        foreach (var run in CapitalisedRuns(sentence, vocabulary))
        {
            var whole = Check(run, vocabulary);
            if (whole is null || whole.Matches.Count > 0 || !run.Any(IsConnector))
            {
                if (whole is not null) yield return whole;
                continue;
            }
            // "Ocean Blue Shirt and Galaxy Earrings" names two products: check each part on its own.
            var part = new List<string>();
            foreach (var word in run.Append("and"))
            {
                if (!IsConnector(word)) { part.Add(word); continue; }
                if (Check(part, vocabulary) is { } mention) yield return mention;
                part = [];
            }
        }
    }

    private static Mention? Check(List<string> words, CatalogVocabulary vocabulary)
    {
        var terms = words.SelectMany(Tokenizer.Terms).ToList();
        if (terms.Count < 2 || !terms.Any(vocabulary.IsProductWord) || vocabulary.IsOtherName(terms) || IsOccasion(terms, vocabulary)) return null;
        var matches = Match(terms, vocabulary, t => vocabulary.TermsOf(t).All);
        // Cards follow a name only when it points at one product by its title. A product's title terms are some of all
        // its terms, so whatever fits by title fits by all: unless the first pass stopped at its cap, the title matches
        // are those of its matches, in the same order, and a second walk over the rarest word's products finds nothing more.
        var byTitle = matches.Count < MatchCap
            ? matches.Where(p => Fits(terms, vocabulary.TermsOf(p).Title)).ToList()
            : Match(terms, vocabulary, t => vocabulary.TermsOf(t).Title);
        return new Mention(string.Join(' ', words), matches, byTitle.Count == 1 ? byTitle[0] : null);
    }

    /// <summary>How many products a name's matches list at most.</summary>
    private const int MatchCap = 20;

    /// <summary>Products whose naming covers every term of the phrase, allowing one typo in longer words.</summary>
    private static List<IndexedProduct> Match(List<string> terms, CatalogVocabulary vocabulary, Func<IndexedProduct, string[]> naming)
    {
        // A match names its product with every term, so only products using the rarest catalog word
        // need a look (typos are forgiven in the other words, which is what "Ocean Blu Shirt" needs).
        var rarest = terms.Where(vocabulary.IsProductWord).MinBy(t => vocabulary.ProductsWith(t).Count)!;
        // A plain loop: a common word ("gold") has thousands of products at 50,000, and LINQ's closures and enumerators
        // per product were most of a reply's fact check (AssistantBench README, 2026-12-03).
        var found = new List<IndexedProduct>();
        foreach (var product in vocabulary.ProductsWith(rarest))
        {
            if (!Fits(terms, naming(product))) continue;
            found.Add(product);
            if (found.Count == MatchCap) break;
        }
        return found;
    }

    /// <summary>Every term is one of the product's terms or a typo of one.</summary>
    private static bool Fits(List<string> terms, string[] known)
    {
        foreach (var term in terms)
        {
            if (Array.IndexOf(known, term) >= 0) continue;
            var similar = false;
            foreach (var k in known)
                if (Similar(term, k)) { similar = true; break; }
            if (!similar) return false;
        }
        return true;
    }

    /// <summary>Equal, or one edit apart when the words are long enough for that to be a typo rather than another word.</summary>
    public static bool Similar(string a, string b)
    {
        if (a == b) return true;
        if (Math.Abs(a.Length - b.Length) > 1 || Math.Max(a.Length, b.Length) < 4) return false;
        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { i++; j++; continue; }
            if (++edits > 1) return false;
            if (a.Length > b.Length) i++;
            else if (b.Length > a.Length) j++;
            else { i++; j++; }
        }
        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }

    /// <summary>Days and holidays that share a word with products ("Black Friday" in a shop selling black things).</summary>
    private static readonly HashSet<string> Occasions = new(StringComparer.Ordinal)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "xmas", "easter",
        "halloween", "thanksgiving", "valentine", "hanukkah", "diwali", "eid", "day", "eve", "year", "weekend", "holiday",
    };

    /// <summary>What may follow an occasion without naming a product: "Black Friday Sale", "Cyber Monday Deals".</summary>
    private static readonly HashSet<string> OccasionTails = new(StringComparer.Ordinal) { "sale", "deal", "week", "weekend", "special", "offer", "event" };

    /// <summary>"Black Friday", "Mother's Day", "Cyber Monday Deals": a date, unless the catalog names products with the occasion's word.</summary>
    private static bool IsOccasion(List<string> terms, CatalogVocabulary vocabulary)
    {
        var last = terms.FindLastIndex(t => !OccasionTails.Contains(t));
        return last >= 0 && Occasions.Contains(terms[last]) && !vocabulary.IsProductWord(terms[last]);
    }

    private static bool IsConnector(string word) => Connectors.Contains(word) || word is "&" or "or";

    /// <summary>
    /// Runs of capitalised words (a number may lead: "7 Shakra Bracelet"), joined by spaces and
    /// lowercase connectors ("Choker with Bead"). The sentence's first word is capitalised by
    /// grammar, so it stays in a run only when the catalog names products with it.
    /// </summary>
    private static IEnumerable<List<string>> CapitalisedRuns(string sentence, CatalogVocabulary vocabulary)
    {
        var current = new List<string>();
        var connectors = new List<string>();
        var first = true;
        var startsSentence = false;
        foreach (Match m in TokenPattern().Matches(sentence))
        {
            var token = m.Value;
            var isWord = char.IsLetterOrDigit(token[0]);
            if (isWord && (char.IsUpper(token[0]) || (char.IsDigit(token[0]) && current.Count == 0)))
            {
                if (current.Count == 0) startsSentence = first;
                current.AddRange(connectors);
                connectors.Clear();
                current.Add(token);
            }
            else if (current.Count > 0 && (token == "&" || (Connectors.Contains(token) && char.IsLower(token[0]))))
            {
                connectors.Add(token);
            }
            else if (current.Count > 0)
            {
                if (Trimmed(current, startsSentence, vocabulary) is { Count: > 0 } run) yield return run;
                current = [];
                connectors.Clear();
            }
            if (isWord) first = false;
        }
        if (current.Count > 0 && Trimmed(current, startsSentence, vocabulary) is { Count: > 0 } last) yield return last;
    }

    /// <summary>"Our Galaxy Hoodie" → "Galaxy Hoodie"; "Galaxy Earrings are…" keeps "Galaxy".</summary>
    private static List<string> Trimmed(List<string> run, bool startsSentence, CatalogVocabulary vocabulary)
    {
        if (startsSentence)
        {
            var terms = Tokenizer.Terms(run[0]).ToList();
            if (terms.Count == 0 || !terms.All(vocabulary.IsProductWord)) run.RemoveAt(0);
        }
        return run;
    }

    // A hyphen joins a word only when a letter or digit follows ("T-shirt"), written without lookahead so it runs linear-time.
    [GeneratedRegex(@"[\p{L}\p{N}](?:[\p{L}\p{N}'’]|-[\p{L}\p{N}])*|&|[^\s\p{L}\p{N}]+", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex TokenPattern();
}
