using SalesBot.Assistant.Semantic;

namespace SalesBot.Assistant;

// The index's search: scoring, fusion with the product vectors, filters, and the best-first walk.
public sealed partial class CatalogIndex
{
    /// <summary>Finds products for a query; sold-out products rank below anything a shopper can buy.</summary>
    /// <remarks>
    /// Per turn at 50,000 products a frequent word ("blue") reaches thousands of products and a price-only question all of
    /// them, so the scores live in pooled flat arrays (<see cref="SearchScratch"/>), the filters (price, collection, in
    /// stock) drop what the walk below would skip before anything is ordered, and the walk takes candidates best-first
    /// from a heap (<see cref="BestFirst"/>) instead of sorting them all: the same results as a full sort.
    /// </remarks>
    public IReadOnlyList<ProductMatch> Search(ProductQuery query, int limit)
    {
        query = InCatalogWords(query);
        var words = Tokenizer.Terms(query.Text).ToList();
        var terms = words.Distinct().ToList();
        // "bean bag" should find "Beanbag": adjacent words are also tried joined.
        var joined = words.Zip(words.Skip(1), (a, b) => a + b).Where(_postings.ContainsKey).Distinct().ToList();
        var count = Products.Count;
        using var scratch = SearchScratch.Rent(count, HybridRanking.Candidates);
        var (scores, matched, reached) = (scratch.Scores, scratch.Matched, scratch.Reached);
        var reachedCount = 0;
        foreach (var term in terms.Concat(joined))
        {
            if (!_postings.TryGetValue(term, out var postings)) continue;
            var idf = Math.Log(1 + (double)count / postings.Length);
            foreach (var p in postings)
            {
                if (matched[p.Product]++ == 0)
                {
                    reached[reachedCount++] = p.Product;
                    scores[p.Product] = 0;
                }
                scores[p.Product] += idf * p.Weight;
            }
        }

        // By meaning too ("something warm for winter" finds a hoodie), from above the similarity floor only.
        var semantic = terms.Count > 0 && _semantic is { } vectors
            ? vectors.Nearest(query.Text, HybridRanking.Floor, HybridRanking.Candidates)
            : [];
        // Alone, the model decides between "here it is" and "we don't have that": it must be surer than when it only adds to words.
        if (reachedCount == 0 && semantic.Count > 0 && semantic[0].Similarity < HybridRanking.AloneFloor) semantic = [];

        Span<RankedCandidate> candidates;
        if (reachedCount > 0 || semantic.Count > 0)
        {
            // Products that match every word the shopper used beat products matching one word strongly.
            var matchedTerms = Math.Max(1, terms.Count(_postings.ContainsKey) + joined.Count);
            candidates = scratch.Candidates.AsSpan(0, reachedCount);
            for (var i = 0; i < reachedCount; i++)
            {
                var ordinal = reached[i];
                candidates[i] = new RankedCandidate(ordinal, scores[ordinal] * (0.5 + (double)matched[ordinal] / matchedTerms));
            }
            if (semantic.Count > 0) candidates = scratch.Fused.AsSpan(0, HybridRanking.Fuse(candidates, semantic, scratch.Fused));
        }
        else if (query.HasFilters || terms.Count == 0)
        {
            // "Gifts under $30": no word matched, so the filters alone choose; pricier first fills the budget best.
            if (query.Audience is null) return ByPrice(query, terms, limit);
            // An audience's lift reads every score, so all are scored here.
            candidates = scratch.Candidates.AsSpan(0, count);
            for (var i = 0; i < count; i++) candidates[i] = new RankedCandidate(i, PriceScore(Products[i]));
        }
        else
        {
            return [];
        }
        if (query.Audience is { } audience) candidates = ForAudience(candidates, audience);
        candidates = Offerable(candidates, query);
        // "Jacket under $100" where every jacket costs more: the words found the kind and the filters left none of it, so
        // what meaning added (a hoodie) would stand in for a jacket. "Not found", as with the words alone.
        if (reachedCount > 0 && semantic.Count > 0 && !AnyReachedByWords(candidates, matched)) return [];

        // Walk best-first and stop once enough buyable hits are found: a sold-out product scores a
        // fifth of its match, so nothing further down the list can outrank them.
        var results = new List<ProductMatch>();
        var buyable = 0;
        var ranked = new BestFirst(candidates);
        while (buyable < limit && ranked.TryTake(out var next)) Show(Products[next.Ordinal], next.Score, query, terms, results, ref buyable);
        return Best(results, limit);
    }

    private static bool AnyReachedByWords(Span<RankedCandidate> candidates, int[] matched)
    {
        foreach (var c in candidates)
            if (matched[c.Ordinal] > 0) return true;
        return false;
    }

    /// <summary>
    /// The filters alone, no audience: the products in <see cref="PriceOrder"/> (the order their score gives), from the
    /// first that is not over the price cap, until enough buyable ones are shown; a few dozen products read, not 50,000.
    /// </summary>
    private List<ProductMatch> ByPrice(ProductQuery query, List<string> terms, int limit)
    {
        var order = PriceOrder;
        var start = 0;
        if (query.MaxPrice is { } max)
        {
            // Scores fall with the price, so everything before the first score at most the cap's is over the cap.
            var (low, high, cap) = (0, order.Length, (double)max / 1_000_000);
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (PriceScore(Products[order[middle]]) > cap) low = middle + 1; else high = middle;
            }
            start = low;
        }
        var collection = string.IsNullOrWhiteSpace(query.Collection) ? null : Tokenizer.Normalize(query.Collection);
        var results = new List<ProductMatch>();
        var buyable = 0;
        for (var i = start; i < order.Length && buyable < limit; i++)
        {
            var item = Products[order[i]];
            if (Offers(item, _minPrices[item.Ordinal], query, collection)) Show(item, PriceScore(item), query, terms, results, ref buyable);
        }
        return Best(results, limit);
    }

    /// <summary>A filter-only search's score: the lowest price, scaled under any word score.</summary>
    private static double PriceScore(IndexedProduct item) => (double)item.MinPrice / 1_000_000;

    /// <summary>The ordinals by <see cref="PriceScore"/>, highest first, then the merchant's order; built on first use.</summary>
    private int[] PriceOrder => LazyInitializer.EnsureInitialized(ref _priceOrder, () =>
    {
        var scores = Products.Select(PriceScore).ToArray();
        var order = Enumerable.Range(0, scores.Length).ToArray();
        Array.Sort(order, (a, b) => RankedCandidate.Compare(new RankedCandidate(a, scores[a]), new RankedCandidate(b, scores[b])));
        return order;
    });

    /// <summary>One step of the walk: the product's best variant, unless it has none the query allows; counts the buyable.</summary>
    private static void Show(IndexedProduct item, double score, ProductQuery query, List<string> terms, List<ProductMatch> results, ref int buyable)
    {
        if (BestVariant(item, query, terms) is not { } variant) return;
        // A sold-out variant can outscore an in-stock one by naming many option words; the filters only know one is in range.
        if (query.InStockOnly && !variant.AvailableForSale) return;
        if (variant.AvailableForSale) buyable++;
        results.Add(new ProductMatch(item, variant, variant.AvailableForSale ? score : score * 0.2));
    }

    private static List<ProductMatch> Best(List<ProductMatch> results, int limit)
    {
        results.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Item.Ordinal.CompareTo(b.Item.Ordinal));
        if (results.Count > limit) results.RemoveRange(limit, results.Count - limit);
        return results;
    }

    /// <summary>
    /// Whether the walk could show <paramref name="item"/>: in the collection asked for (<paramref name="collection"/>,
    /// normalized), with a variant in the price range (else <see cref="BestVariant"/> is null), and one in stock when only
    /// those are wanted (else the best one is sold out). What this rejects the walk would skip; it only rejects it without
    /// reading option words.
    /// </summary>
    private static bool Offers(IndexedProduct item, decimal minPrice, ProductQuery query, string? collection)
    {
        if (collection is not null && !MatchesCollection(item, collection)) return false;
        // Every variant costs at least the product's lowest price: one comparison rejects most products under a cap.
        if (query.MaxPrice is { } max && (query.MaxExclusive ? minPrice >= max : minPrice > max)) return false;
        // The lowest price is a variant's: in range, that variant fits; so only the products under a floor read their
        // variants (each read is a few cache misses across a 100 MB heap, the cost at 20,000 candidates).
        if (!query.InStockOnly && query.InPriceRange(minPrice)) return true;
        // Indexed, not foreach: an interface enumerator a product is megabytes of garbage a turn over 50,000 products.
        var variants = item.Product.Variants.Nodes;
        for (var i = 0; i < variants.Count; i++)
            if (query.InPriceRange(variants[i].Price) && (!query.InStockOnly || variants[i].AvailableForSale)) return true;
        return false;
    }

    private static bool Filters(ProductQuery query) =>
        !string.IsNullOrWhiteSpace(query.Collection) || query.MinPrice is not null || query.MaxPrice is not null || query.InStockOnly;

    /// <summary>The candidates <see cref="Offers"/> keeps, in place, in their order.</summary>
    private Span<RankedCandidate> Offerable(Span<RankedCandidate> candidates, ProductQuery query)
    {
        if (!Filters(query)) return candidates;
        var collection = string.IsNullOrWhiteSpace(query.Collection) ? null : Tokenizer.Normalize(query.Collection);
        var kept = 0;
        foreach (var candidate in candidates)
            if (Offers(Products[candidate.Ordinal], _minPrices[candidate.Ordinal], query, collection)) candidates[kept++] = candidate;
        return candidates[..kept];
    }

    /// <summary>
    /// "For my boyfriend": products marked only for someone else go, products marked for them (or unisex) come first
    /// (lifted above every unmarked score); unmarked products stay after them, as they may suit anyone.
    /// </summary>
    private Span<RankedCandidate> ForAudience(Span<RankedCandidate> candidates, Audience audience)
    {
        var lift = double.NegativeInfinity;
        foreach (var c in candidates) lift = Math.Max(lift, c.Score);
        lift = candidates.Length == 0 ? 0 : lift + 1;
        var kept = 0;
        foreach (var (ordinal, score) in candidates)
        {
            var marked = AudienceMarks.Of(Products[ordinal]);
            if (!Audiences.Fits(marked, audience)) continue;
            candidates[kept++] = new RankedCandidate(ordinal, marked.Contains(audience) ? score + lift : score);
        }
        return candidates[..kept];
    }

    /// <param name="wanted">The collection asked for, normalized.</param>
    private static bool MatchesCollection(IndexedProduct item, string wanted)
    {
        return item.CollectionTitles.Any(t => Tokenizer.Normalize(t) == wanted)
            || Tokenizer.Normalize(item.Product.ProductType ?? "") == wanted;
    }
}
