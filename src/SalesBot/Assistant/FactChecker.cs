using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>
/// Checks the model's words against the catalog before a shopper sees them, sentence by sentence.
/// Products — as <c>[[handle]]</c>, bold or quoted, or a capitalised name in plain text — must exist, and so must
/// merchandise the sentence offers in any case ("we also sell wool beanies", <see cref="MerchandiseMentions"/>).
/// Every money amount must be one the catalog states: a price of the product the sentence names
/// (a wrong one is repaired to the catalog price), a discount's value or minimum, a price of some
/// catalog product when no product is named, or the shopper's own budget. Anything that looks like
/// a discount code must be active and allowed right now, and so must a promised percentage off
/// (unless it is the product's own markdown from its compare-at price). A web address must be one the catalog states
/// (a policy's page, the account page, a product's page): the model never writes a checkout or cart link, code attaches
/// that, so any other address is invented. A sentence that fails is dropped whole,
/// because half a claim reads as a different claim.
/// </summary>
public static partial class FactChecker
{
    /// <summary>Plain-text title matching scans at most this many products beyond those the tools returned.</summary>
    private const int FullScanLimit = 5000;

    public static FactCheckResult Check(string text, CatalogIndex catalog, TurnFacts turn)
    {
        var mentioned = new List<IndexedProduct>();
        var corrections = new List<string>();
        var kept = new List<string>();
        var activeCodes = turn.Shareable.Select(d => d.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var seenAmounts = turn.Seen.SelectMany(i => CatalogAmounts.Of(i)).ToHashSet();
        // "It costs $19.99." talks about the product the sentence before named.
        IndexedProduct? previous = null;

        foreach (var raw in Sentences(ChatLimits.Cap(text.Trim(), ChatLimits.ModelText)))
        {
            if (string.IsNullOrWhiteSpace(raw)) continue;
            var sentence = raw;
            var inSentence = new List<IndexedProduct>();
            string? problem = null;

            sentence = HandlePattern().Replace(sentence, m =>
            {
                var item = catalog.FindByHandle(m.Groups["h"].Value.Trim());
                if (item is null) { problem ??= $"unknown product '{m.Groups["h"].Value}'"; return m.Value; }
                inSentence.Add(item);
                return item.Product.Title;
            });
            sentence = NamePattern().Replace(sentence, m =>
            {
                var bold = m.Groups["b"].Success;
                var name = (bold ? m.Groups["b"] : m.Groups["q"]).Value.Trim();
                var item = FindTitle(catalog, turn.Seen, name);
                if (item is not null) inSentence.Add(item);
                // Bold is how models mark product names, so a bold name must be known; quotes are also
                // ordinary punctuation ("a “cozy” fit"), so a quoted phrase only fails when it reads as a product.
                else if (bold && !activeCodes.Contains(name) && !catalog.CollectionTitles.Contains(name, StringComparer.OrdinalIgnoreCase)
                    && ProductNames.In(name, catalog.Vocabulary).All(n => n.Matches.Count == 0))
                    problem ??= $"unknown product '{name}'";
                // Messenger shows no markdown, so the emphasis goes either way; quotes stay, the plain-text check below sees them.
                return bold ? name : m.Value;
            });
            foreach (var name in ProductNames.In(sentence, catalog.Vocabulary))
            {
                if (name.Matches.Count == 0) problem ??= $"unknown product '{name.Phrase}'";
                else if (name.Exact is { } exact && !inSentence.Contains(exact)) inSentence.Add(exact);
            }
            // Lowercase or with no catalog word at all ("try our alpine parka"), a name is still invented when it offers merchandise the catalog never names.
            problem ??= MerchandiseMentions.Problem(sentence, catalog.Vocabulary);
            foreach (var item in TitlesIn(sentence, catalog, turn.Seen))
                if (!inSentence.Contains(item)) inSentence.Add(item);

            problem ??= CheckUrls(sentence, catalog);
            problem ??= StoreClaims.Problem(sentence, catalog);
            problem ??= CheckCodes(sentence, catalog, activeCodes, inSentence);
            problem ??= CheckDiscountWords(sentence, turn, inSentence.Count > 0 ? inSentence : previous is null ? turn.Seen : [previous]);
            problem ??= CheckPercents(sentence, catalog, turn, inSentence.Count > 0 ? inSentence : previous is null ? turn.Seen : [previous]);
            if (problem is null)
                sentence = CheckPrices(sentence, catalog, turn, seenAmounts, inSentence, previous, corrections, ref problem);

            if (problem is not null)
            {
                corrections.Add("dropped a sentence: " + problem);
                continue;
            }
            foreach (var item in inSentence)
                if (!mentioned.Contains(item)) mentioned.Add(item);
            previous = inSentence.Count switch { 0 => previous, 1 => inSentence[0], _ => null };
            kept.Add(sentence.Trim());
        }
        return new FactCheckResult(ChatLimits.Cap(string.Join(" ", kept).Replace(" \n ", "\n").Trim(), ChatLimits.ReplyText), mentioned, corrections);
    }

    /// <summary>An address that is not one of the catalog's own pages: a made-up or hand-built link (a cart permalink included).</summary>
    private static string? CheckUrls(string sentence, CatalogIndex catalog)
    {
        foreach (Match url in UrlPattern().Matches(sentence))
        {
            var value = url.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')');
            if (!CatalogPages.IsKnown(catalog, value)) return $"link '{value}' is not one the catalog gives";
        }
        return null;
    }

    /// <summary>A code-looking token (<see cref="CodeMentions"/>: "SAVE10", or any word after "code") that is not a code the merchant shares now.</summary>
    private static string? CheckCodes(string sentence, CatalogIndex catalog, HashSet<string> activeCodes, List<IndexedProduct> inSentence)
    {
        foreach (var code in CodeMentions.In(sentence))
        {
            var value = code.Value;
            if (activeCodes.Contains(value)) continue;
            // Outside "code …", a catalog token ("XL", a SKU), a unit ("32GB", "4K") or a name the catalog uses is just a word.
            if (!code.Named && (catalog.Vocabulary.IsCatalogToken(value) || MeasurePattern().IsMatch(value) || IsPartOfTitle(value, inSentence)
                || catalog.Vocabulary.IsOtherName([.. Tokenizer.Terms(value)]))) continue;
            return $"code '{value}' is not active or not allowed now";
        }
        return null;
    }

    /// <summary>"Fifty percent off", "half price", "BOGO": a shareable discount or the product's markdown must give it, as with "50%".</summary>
    private static string? CheckDiscountWords(string sentence, TurnFacts turn, IEnumerable<IndexedProduct> context)
    {
        HashSet<decimal>? markdowns = null;
        foreach (var mention in DiscountWords.In(sentence))
        {
            if (mention.Percent is { } percent)
            {
                if (turn.SharedPercents.Contains(percent)) continue;
                markdowns ??= context.SelectMany(CatalogAmounts.SavingPercentsOf).ToHashSet();
                if (markdowns.Contains(percent)) continue;
            }
            else if (turn.Shareable.Any(d => DiscountWords.IsMultiBuy(d.Title) || DiscountWords.IsMultiBuy(d.Summary)))
                continue;
            return $"'{mention.Text}' is not a discount the catalog gives{(turn.MayPromote ? "" : " now")}";
        }
        return null;
    }

    /// <summary>"20% off" must be an active discount's (when promotions are allowed) or a product's own markdown.</summary>
    private static string? CheckPercents(string sentence, CatalogIndex catalog, TurnFacts turn, IEnumerable<IndexedProduct> context)
    {
        if (!PercentMentions.IsPromotion(sentence)) return null;
        HashSet<decimal>? markdowns = null;
        foreach (Match m in PercentMentions.Find(sentence))
        {
            if (PercentMentions.Value(m) is not { } percent) continue;
            if (turn.SharedPercents.Contains(percent)) continue;
            markdowns ??= context.SelectMany(CatalogAmounts.SavingPercentsOf).ToHashSet();
            if (markdowns.Contains(percent)) continue;
            return $"{m.Value} is not a discount the catalog gives{(turn.MayPromote ? "" : " now")}";
        }
        return null;
    }

    private static string CheckPrices(string sentence, CatalogIndex catalog, TurnFacts turn, HashSet<decimal> seenAmounts,
        List<IndexedProduct> named, IndexedProduct? previous, List<string> corrections, ref string? problem)
    {
        string? local = null;
        var result = MoneyMentions.Replace(sentence, m =>
        {
            if (local is not null) return m.Value;
            // An amount too long to read ("$" and thousands of digits) is no catalog price either.
            if (MoneyMentions.Parse(m) is not { } parsed) { local = $"an amount that is no price ({m.Value[..Math.Min(12, m.Value.Length)]}…)"; return m.Value; }
            var amount = CatalogAmounts.Normalize(parsed);
            var context = named.Count > 0 ? named : previous is null ? [] : [previous];

            if (context.Any(i => CatalogAmounts.Of(i).Contains(amount))) return m.Value;
            if (catalog.DiscountAmounts.Contains(amount)) return m.Value;
            if (StoreClaims.IsShippingAmount(sentence, catalog, amount)) return m.Value;
            if (turn.Budgets.Contains(amount) && IsTrueBound(sentence[..m.Index], amount, context)) return m.Value;
            if (named.Count == 1)
            {
                var right = catalog.Money.Format(PriceOf(named[0]));
                corrections.Add($"repaired price {m.Value.Trim()} → {right} for {named[0].Product.Title}");
                return right;
            }
            // With no product in this sentence or the one before, any price the catalog states may be meant.
            if (context.Count == 0 && (catalog.Amounts.Contains(amount) || seenAmounts.Contains(amount))) return m.Value;
            local = $"price {m.Value.Trim()} is not in the catalog" + (context.Count > 0 ? $" for {string.Join(", ", context.Select(c => c.Product.Title))}" : "");
            return m.Value;
        });
        problem = local;
        return result;
    }

    /// <summary>The price to state: the first variant a shopper can buy, as cards show it.</summary>
    private static decimal PriceOf(IndexedProduct item) => item.AvailableVariants.FirstOrDefault()?.Price ?? item.MinPrice;

    /// <summary>"Under $30" repeats the shopper's budget; it is true when the products named fit it.</summary>
    private static bool IsTrueBound(string before, decimal amount, IReadOnlyList<IndexedProduct> products)
    {
        var bound = BoundPattern().Match(before);
        if (!bound.Success) return false;
        var upper = bound.Groups["upper"].Success;
        return products.All(p => upper ? p.MinPrice <= amount : p.Product.Variants.Nodes.Max(v => v.Price) >= amount);
    }

    private static IndexedProduct? FindTitle(CatalogIndex catalog, IReadOnlyCollection<IndexedProduct> seen, string name)
    {
        var normalized = Tokenizer.Normalize(name);
        if (normalized.Length == 0) return null;
        var candidates = catalog.Products.Count <= FullScanLimit ? catalog.Products : seen;
        return candidates.FirstOrDefault(p => Tokenizer.Normalize(p.Product.Title) == normalized)
            ?? catalog.FindByHandle(name);
    }

    /// <summary>Known titles that appear in plain text, so cards follow what the model talked about.</summary>
    private static IEnumerable<IndexedProduct> TitlesIn(string sentence, CatalogIndex catalog, IReadOnlyCollection<IndexedProduct> seen)
    {
        var candidates = catalog.Products.Count <= FullScanLimit ? catalog.Products : seen;
        return candidates.Where(p => p.Product.Title.Length >= 4 && sentence.Contains(p.Product.Title, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsPartOfTitle(string word, List<IndexedProduct> items) =>
        items.Any(i => i.Product.Title.Contains(word, StringComparison.OrdinalIgnoreCase) || i.Product.Variants.Nodes.Any(v => v.Sku == word));

    /// <summary>
    /// Sentences: a break after ".", "!" or "?" and the spaces that follow (which go), or after a newline (which stays).
    /// A loop rather than a lookbehind split, so it is linear in the text whatever the text is.
    /// </summary>
    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') { yield return text[start..(i + 1)]; start = i + 1; continue; }
            if (text[i] is not ('.' or '!' or '?') || i + 1 >= text.Length || !char.IsWhiteSpace(text[i + 1]) || text[i + 1] == '\n') continue;
            yield return text[start..(i + 1)];
            var next = i + 1;
            while (next < text.Length && char.IsWhiteSpace(text[next]) && text[next] != '\n') next++;
            start = next;
            i = next - 1;
        }
        if (start < text.Length) yield return text[start..];
    }

    // A scheme, "www.", or a dotted host followed by a path ("shop.example/cart/1:1"). The host starts only where a dotted
    // run starts (not after a label or "label."), and is read whole (atomic), so "a.a.a.…" without a slash stays linear.
    [GeneratedRegex(@"\bhttps?://[^\s<>""]+|\bwww\.[^\s<>""]+|(?<![a-z0-9-]|[a-z0-9-]\.)\b(?>[a-z0-9-]+(?:\.[a-z0-9-]+)+)/[^\s<>""]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexLimits.TimeoutMs)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\[\[(?<h>[^\]]{1,255})\]\]", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"\*\*(?<b>[^*]{2,120})\*\*|[""“](?<q>[^""”]{2,120})[""”]", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^\d+(?:AM|PM|GB|MB|TB|ML|CM|MM|KG|K|G|H|L|M|X|XL|D|P)$", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex MeasurePattern();

    [GeneratedRegex(@"(?:(?<upper>\b(?i:under|below|less than|up to|within|max(?:imum)?|no more than|cheaper than|unter|moins de|menos de|sous)\b)|\b(?i:over|above|more than|from|at least|starting at|ab|plus de|más de)\b)\s*$", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex BoundPattern();
}

public sealed record FactCheckResult(string Text, IReadOnlyList<IndexedProduct> Mentioned, IReadOnlyList<string> Corrections);
