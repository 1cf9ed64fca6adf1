using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesBot.Assistant;

/// <summary>
/// Checks the model's words against the catalog before a shopper sees them. Product references
/// (<c>[[handle]]</c>, bold or quoted names) must exist; a price must belong to the product the
/// sentence names (it is repaired to the catalog price) or to some product the model was shown
/// (else the sentence is dropped); a discount code must be active and allowed right now.
/// </summary>
public static partial class FactChecker
{
    /// <summary>Plain-text title matching scans at most this many products beyond those the tools returned.</summary>
    private const int FullScanLimit = 5000;

    public static FactCheckResult Check(string text, CatalogIndex catalog, IReadOnlyCollection<IndexedProduct> seen, bool mayPromote)
    {
        var mentioned = new List<IndexedProduct>();
        var corrections = new List<string>();
        var kept = new List<string>();
        var activeCodes = mayPromote
            ? catalog.Discounts.Select(d => d.Code).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seenPrices = seen.SelectMany(Prices).ToHashSet();

        foreach (var raw in SentencePattern().Split(text.Trim()))
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
                var name = m.Groups["n"].Value.Trim();
                var item = FindTitle(catalog, seen, name);
                if (item is not null) inSentence.Add(item);
                else if (!activeCodes.Contains(name) && !catalog.CollectionTitles.Contains(name, StringComparer.OrdinalIgnoreCase))
                    problem ??= $"unknown product '{name}'";
                // Messenger shows no markdown, so the emphasis goes either way.
                return name;
            });
            foreach (var item in TitlesIn(sentence, catalog, seen))
                if (!inSentence.Contains(item)) inSentence.Add(item);

            foreach (Match code in CodePattern().Matches(sentence))
            {
                var value = code.Groups["c"].Success ? code.Groups["c"].Value : code.Value;
                if (!activeCodes.Contains(value) && !IsPartOfTitle(value, inSentence)) problem ??= $"code '{value}' is not active or not allowed now";
            }

            if (problem is null)
                sentence = CheckPrices(sentence, catalog, inSentence, seenPrices, corrections, ref problem);

            if (problem is not null)
            {
                corrections.Add("dropped a sentence: " + problem);
                continue;
            }
            foreach (var item in inSentence)
                if (!mentioned.Contains(item)) mentioned.Add(item);
            kept.Add(sentence.Trim());
        }
        return new FactCheckResult(string.Join(" ", kept).Replace(" \n ", "\n").Trim(), mentioned, corrections);
    }

    private static string CheckPrices(string sentence, CatalogIndex catalog, List<IndexedProduct> inSentence,
        HashSet<decimal> seenPrices, List<string> corrections, ref string? problem)
    {
        var local = problem;
        var result = MoneyPattern().Replace(sentence, m =>
        {
            if (local is not null) return m.Value;
            var amount = ParseAmount(m.Groups["a"].Value);
            if (amount is null) return m.Value;
            if (inSentence.Count > 0)
            {
                if (inSentence.Any(i => Prices(i).Contains(amount.Value))) return m.Value;
                if (inSentence.Count == 1)
                {
                    var right = catalog.Money.Format(inSentence[0].AvailableVariants.FirstOrDefault()?.Price ?? inSentence[0].MinPrice);
                    corrections.Add($"repaired price {m.Value.Trim()} → {right} for {inSentence[0].Product.Title}");
                    return right;
                }
            }
            // A price with no product named must still be one the model was shown, or a discount threshold.
            if (seenPrices.Contains(amount.Value)) return m.Value;
            local = $"price {m.Value.Trim()} is not in the catalog";
            return m.Value;
        });
        problem = local;
        return result;
    }

    private static IEnumerable<decimal> Prices(IndexedProduct item) =>
        item.Product.Variants.Nodes.SelectMany(v => v.CompareAtPrice is { } c ? new[] { v.Price, c } : [v.Price]);

    private static decimal? ParseAmount(string value)
    {
        var cleaned = value.Replace(",", "");
        return decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
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
        items.Any(i => i.Product.Title.Contains(word, StringComparison.OrdinalIgnoreCase) || (i.Product.Variants.Nodes.Any(v => v.Sku == word)));

    [GeneratedRegex(@"(?<=[.!?])\s+|(?<=\n)")]
    private static partial Regex SentencePattern();

    [GeneratedRegex(@"\[\[(?<h>[^\]]{1,255})\]\]")]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"\*\*(?<n>[^*]{2,120})\*\*|[""“](?<n>[^""”]{2,120})[""”]")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"(?:[$€£]\s?(?<a>\d[\d,]*(?:\.\d{1,2})?))|(?:(?<a>\d[\d,]*(?:\.\d{1,2})?)\s?(?:€|£|\$|EUR|USD|GBP|dollars?|euros?)\b?)")]
    private static partial Regex MoneyPattern();

    [GeneratedRegex(@"\bcodes?\s*:?\s*[""“']?(?<c>(?=[A-Za-z0-9_-]*[A-Z0-9])[A-Za-z0-9_-]{3,})|\b(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{4,}\b")]
    private static partial Regex CodePattern();
}

public sealed record FactCheckResult(string Text, IReadOnlyList<IndexedProduct> Mentioned, IReadOnlyList<string> Corrections);
