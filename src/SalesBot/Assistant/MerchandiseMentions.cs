using System.Text.RegularExpressions;
using static SalesBot.Assistant.MerchandiseWords;

namespace SalesBot.Assistant;

/// <summary>
/// Things the model presents for sale that the catalog never names, in any case: "try our cozy alpine parka", "we also
/// sell wool beanies and leather wallets", "the Zephyr Parka is a customer favourite". A word counts when it is a
/// <see cref="MerchandiseNouns">merchandise noun</see> no title, type, tag, option, vendor, collection, discount, the
/// shop's name or a policy uses, and it is presented: after an offer ("we have/sell/carry", "our", "try", "check out"),
/// before a price or "is in stock/available/a favourite", in a list with such a word, or inside a capitalised name.
/// Saying the store lacks it ("we don't have parkas") or repeating the shopper ("you asked for a parka") is honest.
/// </summary>
public static partial class MerchandiseMentions
{
    private enum Kind { Word, Money, Mark }

    private sealed record Token(string Text, string Lower, Kind Kind, int Part)
    {
        public bool Invented { get; init; }
        public bool CatalogProduct { get; init; }
        public bool Capitalised => Kind == Kind.Word && (char.IsUpper(Text[0]) || char.IsDigit(Text[0]));
        /// <summary>A word that may be part of a name: not a function word, nor one that offers or presents the name.</summary>
        public bool Content => Kind == Kind.Word && !FunctionWords.Contains(Lower) && !OfferVerbs.Contains(Lower) && !OfferWords.Contains(Lower)
            && !PresentingVerbs.Contains(Lower) && Lower != "check";
    }

    /// <summary>Why the sentence offers merchandise the catalog does not have, or null.</summary>
    public static string? Problem(string sentence, CatalogVocabulary vocabulary)
    {
        var tokens = Tokens(sentence, vocabulary);
        // Nearly every sentence stops here: no merchandise noun the catalog lacks, nothing to read.
        if (!tokens.Any(t => t.Invented)) return null;

        var exempt = ExemptParts(tokens);
        var runs = Runs(tokens);
        var lists = Lists(tokens, runs);
        foreach (var list in lists)
        {
            if (exempt.Contains(tokens[list[0].Start].Part)) continue;
            var presented = list.Any(r => IsNameShaped(tokens, r, vocabulary) || IsPresentedBefore(tokens, r.Start, exempt) || IsPresentedAfter(tokens, r.End));
            if (!presented) continue;
            foreach (var run in list)
                if (InventedIn(tokens, run) is { } word) return $"unknown product '{word}'";
        }
        return null;
    }

    private readonly record struct Run(int Start, int End);

    /// <summary>Maximal runs of content words: "cozy alpine parka", "Zephyr Parka".</summary>
    private static List<Run> Runs(List<Token> tokens)
    {
        var runs = new List<Run>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].Content) continue;
            var end = i;
            while (end + 1 < tokens.Count && tokens[end + 1].Content) end++;
            runs.Add(new Run(i, end));
            i = end;
        }
        return runs;
    }

    /// <summary>Runs joined by list words and articles only ("wool beanies and leather wallets") are presented together.</summary>
    private static List<List<Run>> Lists(List<Token> tokens, List<Run> runs)
    {
        var lists = new List<List<Run>>();
        for (var r = 0; r < runs.Count; r++)
        {
            if (r > 0 && Joined(tokens, runs[r - 1].End + 1, runs[r].Start)) lists[^1].Add(runs[r]);
            else lists.Add([runs[r]]);
        }
        return lists;
    }

    private static bool Joined(List<Token> tokens, int from, int to)
    {
        var joined = false;
        for (var i = from; i < to; i++)
        {
            var lower = tokens[i].Lower;
            if (ListWords.Contains(lower)) joined = true;
            else if (!ListFillers.Contains(lower)) return false;
        }
        return joined;
    }

    /// <summary>A run of two or more capitalised words reads as a product's name wherever it stands.</summary>
    private static bool IsNameShaped(List<Token> tokens, Run run, CatalogVocabulary vocabulary)
    {
        if (run.End == run.Start) return false;
        for (var i = run.Start; i <= run.End; i++)
            if (!tokens[i].Capitalised) return false;
        return !vocabulary.IsOtherName([.. Enumerable.Range(run.Start, run.End - run.Start + 1).SelectMany(i => Tokenizer.Terms(tokens[i].Text))]);
    }

    /// <summary>An offer right before the run, past articles: "we also sell (the) …", "our …", "try a …", "check out …".</summary>
    private static bool IsPresentedBefore(List<Token> tokens, int start, HashSet<int> exempt)
    {
        var i = start - 1;
        // "out" and "about" are skipped too, so "check out the …" and "how about a …" land on "check" and "how".
        while (i >= 0 && Determiners.Contains(tokens[i].Lower)) i--;
        if (i < 0 || tokens[i].Kind != Kind.Word || exempt.Contains(tokens[i].Part)) return false;
        var word = tokens[i].Lower;
        if (OfferWords.Contains(word)) return true;
        if (word == "check" || (word == "how" && tokens[i + 1].Lower == "about")) return true;
        // "it is also available as a hoodie", "it comes in a parka style".
        if (word is "as" or "in" && i > 0 && tokens[i - 1].Lower is "available" or "comes" or "come") return true;
        if (!OfferVerbs.Contains(word)) return false;
        // "we (also) sell", "we've got", "we have got", "I recommend".
        var j = i - 1;
        while (j >= 0 && OfferAdverbs.Contains(tokens[j].Lower)) j--;
        return j >= 0 && tokens[j].Lower is "we" or "we've" or "i" or "i'd" or "we'd" or "we're" or "i've";
    }

    /// <summary>What follows the run presents it: "… is $50", "… ($50)", "… are back in stock", "… is a customer favourite".</summary>
    private static bool IsPresentedAfter(List<Token> tokens, int end)
    {
        var k = end + 1;
        if (k < tokens.Count && (PresentingVerbs.Contains(tokens[k].Lower) || tokens[k].Lower == "(")) k++;
        else if (k < tokens.Count && tokens[k].Kind != Kind.Money) return false;
        for (var skipped = 0; k < tokens.Count && skipped < 4 && PresentingFillers.Contains(tokens[k].Lower); skipped++) k++;
        if (k >= tokens.Count) return false;
        var next = tokens[k];
        if (next.Kind == Kind.Money) return true;
        if (next.Lower == "in" && k + 1 < tokens.Count && tokens[k + 1].Lower == "stock") return true;
        if (next.Lower == "on" && k + 1 < tokens.Count && tokens[k + 1].Lower == "sale") return true;
        return PresentingWords.Contains(next.Lower);
    }

    /// <summary>The run's invented merchandise word that names the thing rather than describing a catalog product ("parka" in "parka shirt" is a style of shirt).</summary>
    private static string? InventedIn(List<Token> tokens, Run run)
    {
        // From the end, so each word knows whether a catalog product word follows it: one pass whatever the run's length.
        string? invented = null;
        var catalogAfter = false;
        for (var i = run.End; i >= run.Start; i--)
        {
            if (tokens[i].Invented && !catalogAfter) invented = tokens[i].Text;
            catalogAfter |= tokens[i].CatalogProduct;
        }
        return invented;
    }

    /// <summary>Clauses that say the store lacks something or repeat what the shopper asked for.</summary>
    private static HashSet<int> ExemptParts(List<Token> tokens)
    {
        var exempt = new HashSet<int>();
        foreach (var part in tokens.GroupBy(t => t.Part))
        {
            var words = part.Where(t => t.Kind == Kind.Word).Select(t => t.Lower).ToList();
            var negated = words.Any(w => Negations.Contains(w) || w.EndsWith("n't", StringComparison.Ordinal));
            var echo = words.Any(YouWords.Contains) && words.Any(EchoVerbs.Contains);
            if (negated || echo) exempt.Add(part.Key);
        }
        return exempt;
    }

    private static List<Token> Tokens(string sentence, CatalogVocabulary vocabulary)
    {
        var tokens = new List<Token>();
        var part = 0;
        foreach (Match m in TokenPattern().Matches(sentence))
        {
            var text = m.Value.Replace('’', '\'');
            var lower = text.ToLowerInvariant();
            if (char.IsLetter(text[0]))
            {
                if (ClauseWords.Contains(lower)) part++;
                var terms = Tokenizer.Terms(text).ToList();
                tokens.Add(new Token(text, lower, Kind.Word, part)
                {
                    Invented = terms.Any(t => MerchandiseNouns.Contains(t) && !Forms(t).Any(vocabulary.IsCatalogWord)),
                    CatalogProduct = terms.Any(t => Forms(t).Any(vocabulary.IsProductWord)),
                });
            }
            else if (char.IsDigit(text[0]) || MoneyMarks.Contains(text[0])) tokens.Add(new Token(text, lower, Kind.Money, part));
            else
            {
                if (text is not ("&" or "/")) part++;
                tokens.Add(new Token(text, lower, Kind.Mark, part));
            }
        }
        return tokens;
    }

    /// <summary>The stemmer makes "hoodies" "hoody" but leaves "hoodie": either spelling of the catalog's word is the catalog's.</summary>
    private static IEnumerable<string> Forms(string term)
    {
        yield return term;
        if (term.EndsWith('y')) yield return term[..^1] + "ie";
        else if (term.EndsWith("ie", StringComparison.Ordinal)) yield return term[..^2] + "y";
    }

    private const string MoneyMarks = "$€£¥₹";

    // A word (apostrophes and inner hyphens kept: "don't", "T-shirt"), a number, or one mark; linear-time, no lookaround.
    [GeneratedRegex(@"\p{L}(?:[\p{L}\p{N}'’]|-[\p{L}\p{N}])*|\p{N}(?:[\p{N}.,]*\p{N})?|[^\s\p{L}\p{N}]", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex TokenPattern();
}
