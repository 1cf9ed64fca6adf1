using SalesBot.Assistant;
using SalesBot.Assistant.Semantic;
using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The pieces that keep a 50,000-product turn fast must give exactly what the slow, obvious code gave: the best-first heap
/// the full sort's order, the one-pass fusion the former RRF with its sorts and dictionaries, the AVX2 dot product the
/// portable one, and the price walk of a filter-only search every product that fits, pricier first.
/// </summary>
public sealed class SearchRankingTests
{
    /// <summary>Scores drawn from few values, so ties (decided by ordinal) are everywhere.</summary>
    private static RankedCandidate[] Candidates(Random random, int count, int distinctScores) =>
        Enumerable.Range(0, count).OrderBy(_ => random.Next())
            .Select(ordinal => new RankedCandidate(ordinal, random.Next(distinctScores) * 0.25)).ToArray();

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(257, 3)]
    [InlineData(5_000, 40)]
    [InlineData(5_000, 5_000)]
    public void Best_first_takes_candidates_in_the_full_sorts_order(int count, int distinctScores)
    {
        var random = new Random(count * 31 + distinctScores);
        var candidates = Candidates(random, count, distinctScores);
        var sorted = candidates.ToList();
        sorted.Sort(RankedCandidate.Compare);

        var taken = new List<RankedCandidate>();
        var heap = new BestFirst(candidates.AsSpan());
        while (heap.TryTake(out var next)) taken.Add(next);

        Assert.Equal(sorted, taken);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(300, 1)]
    [InlineData(5_000, 40)]
    [InlineData(20_000, 20_000)]
    public void The_fusions_sort_by_plain_scores_gives_the_comparers_order(int count, int distinctScores)
    {
        var candidates = Candidates(new Random(count + distinctScores), count, distinctScores);
        var expected = candidates.ToList();
        expected.Sort(RankedCandidate.Compare);
        HybridRanking.SortByRank(candidates);
        Assert.Equal(expected, candidates);
    }

    [Fact]
    public void Best_first_gives_the_top_of_the_order_when_only_a_few_are_taken()
    {
        var candidates = Candidates(new Random(7), 20_000, 12);
        var expected = candidates.Order(RankedCandidate.Comparer).Take(5).ToList();
        var heap = new BestFirst(candidates.AsSpan());
        var taken = new List<RankedCandidate>();
        for (var i = 0; i < 5 && heap.TryTake(out var next); i++) taken.Add(next);
        Assert.Equal(expected, taken);
        Assert.Equal(20_000 - 5, heap.Remaining);
    }

    /// <summary>The fusion as it was written before (LINQ sorts and a dictionary over every lexical match): the oracle.</summary>
    private static List<(int Ordinal, double Score)> ReferenceFuse(IReadOnlyList<RankedCandidate> lexical, IReadOnlyList<SemanticHit> semantic)
    {
        var fused = new Dictionary<int, double>();
        var ranked = lexical.OrderByDescending(c => c.Score).ThenBy(c => c.Ordinal).ToList();
        for (var rank = 0; rank < ranked.Count; rank++)
            fused[ranked[rank].Ordinal] = HybridRanking.LexicalWeight / (HybridRanking.K + rank + 1);
        for (var rank = 0; rank < semantic.Count; rank++)
            fused[semantic[rank].Ordinal] = fused.GetValueOrDefault(semantic[rank].Ordinal) + HybridRanking.SemanticWeight / (HybridRanking.K + rank + 1);
        var order = fused.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Select(f => f.Key).ToList();
        if (ranked.Count == 0)
        {
            var similarity = semantic.ToDictionary(h => h.Ordinal, h => (double)h.Similarity);
            return order.Select(o => (o, similarity[o])).ToList();
        }
        var below = ranked[^1].Score * 0.2;
        return order.Select((o, i) => (o, i < ranked.Count ? ranked[i].Score : below * Math.Pow(0.9, i - ranked.Count + 1))).ToList();
    }

    [Theory]
    [InlineData(0, 5, 1)]
    [InlineData(1, 1, 2)]
    [InlineData(3, 20, 3)]
    [InlineData(40, 20, 4)]
    [InlineData(3_000, 20, 5)]
    [InlineData(3_000, 7, 6)]
    public void Fusion_in_one_pass_gives_the_former_rrf_order_and_scores(int lexicalCount, int semanticCount, int seed)
    {
        var random = new Random(seed);
        const int products = 10_000;
        var lexical = Enumerable.Range(0, products).OrderBy(_ => random.Next()).Take(lexicalCount)
            .Select(o => new RankedCandidate(o, random.Next(6) * 0.5 + 0.1)).ToArray();
        // Half the semantic hits are also word matches (deep in the lexical list or near its top), half are not.
        var pool = lexical.Select(c => c.Ordinal).Take(semanticCount / 2)
            .Concat(Enumerable.Range(0, products).Except(lexical.Select(c => c.Ordinal)).OrderBy(_ => random.Next()).Take(semanticCount))
            .Distinct().Take(semanticCount).ToList();
        var semantic = pool.Select((o, i) => new SemanticHit(o, 0.9f - i * 0.01f)).ToList();

        var expected = ReferenceFuse(lexical, semantic);
        var into = new RankedCandidate[lexical.Length + semantic.Count];
        var count = HybridRanking.Fuse(lexical.ToArray().AsSpan(), semantic, into);

        Assert.Equal(expected, into.Take(count).Select(c => (c.Ordinal, c.Score)).ToList());
    }

    [Theory]
    [InlineData(384)]
    [InlineData(32)]
    [InlineData(100)]
    [InlineData(7)]
    public void The_dot_product_is_the_exact_integer_sum(int dimensions)
    {
        var random = new Random(dimensions);
        for (var trial = 0; trial < 200; trial++)
        {
            var a = Enumerable.Range(0, dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
            var b = Enumerable.Range(0, dimensions).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
            if (trial == 0) { Array.Fill(a, (sbyte)127); Array.Fill(b, (sbyte)-127); }
            var expected = a.Zip(b, (x, y) => x * y).Sum();
            Assert.Equal(expected, QuantizedVectors.Dot(a, b));
        }
    }

    [Fact]
    public void A_filter_only_search_shows_the_priciest_products_that_fit_with_every_sold_out_one_passed_over()
    {
        var catalog = new CatalogIndex(SyntheticCatalog.Create(3_000, seed: 5));
        foreach (var query in new[]
        {
            new ProductQuery("", MaxPrice: 30m),
            new ProductQuery("", MinPrice: 20m, MaxPrice: 60m),
            new ProductQuery("", MaxPrice: 30m, MaxExclusive: true, InStockOnly: true),
            new ProductQuery("", MinPrice: 190m),
        })
        {
            var found = catalog.Search(query, 5);
            // What fits, pricier first (ties in the merchant's order), taken until five can be bought.
            var fitting = catalog.Products
                .Where(p => p.Product.Variants.Nodes.Any(v => query.InPriceRange(v.Price) && (!query.InStockOnly || v.AvailableForSale)))
                .OrderByDescending(p => (double)p.MinPrice).ThenBy(p => p.Ordinal).ToList();
            var walked = new List<IndexedProduct>();
            var buyable = 0;
            foreach (var p in fitting)
            {
                if (buyable == 5) break;
                walked.Add(p);
                if (p.Product.Variants.Nodes.Any(v => query.InPriceRange(v.Price) && v.AvailableForSale)) buyable++;
            }
            var expected = walked.OrderByDescending(p => p.Product.Variants.Nodes.Any(v => query.InPriceRange(v.Price) && v.AvailableForSale))
                .ThenByDescending(p => (double)p.MinPrice).ThenBy(p => p.Ordinal).Take(5).Select(p => p.Product.Handle).ToList();

            Assert.NotEmpty(found);
            Assert.Equal(expected, found.Select(m => m.Item.Product.Handle).ToList());
            Assert.All(found, m => Assert.True(query.InPriceRange(m.Variant!.Price)));
        }
    }

    [Fact]
    public void A_word_search_with_a_price_range_keeps_only_products_with_a_variant_in_it()
    {
        var catalog = new CatalogIndex(SyntheticCatalog.Create(3_000, seed: 9));
        var query = new ProductQuery("wool blanket", MinPrice: 20m, MaxPrice: 60m);
        var found = catalog.Search(query, catalog.Products.Count);

        var expected = catalog.Products.Where(p => p.Product.Variants.Nodes.Any(v => query.InPriceRange(v.Price))
            && (Tokenizer.Terms(p.Product.Title).Intersect(["wool", "blanket"]).Any() || p.Product.Tags.Contains("blanket")
                || Tokenizer.Terms(Tokenizer.StripHtml(p.Product.Description)).Intersect(["wool", "blanket"]).Any()))
            .Select(p => p.Product.Handle).Order().ToList();
        Assert.Equal(expected, found.Select(m => m.Item.Product.Handle).Order().ToList());
        // Best first: the buyable ones by score, then the sold-out ones at a fifth of theirs.
        Assert.Equal(found.OrderByDescending(m => m.Score).ThenBy(m => m.Item.Ordinal).ToList(), found.ToList());
    }

    [Fact]
    public void Audience_marks_read_once_are_what_the_labels_say_and_an_audience_search_uses_them()
    {
        (string Title, string[] Tags)[] labelled =
        [
            ("Wool Jumper", ["women"]), ("Wool Scarf", ["unisex"]), ("Wool Mittens", ["kids", "girls"]), ("Mens Wool Socks", []),
            ("Wool Blanket", []), ("Wool Hat", ["men", "women"]),
        ];
        var products = labelled.Select((p, i) => CatalogBuilder.Product($"gid://shopify/Product/{i}", p.Title, $"p-{i}",
            [CatalogBuilder.Variant($"gid://shopify/ProductVariant/{i}", "Default Title", 20m + i, [new SelectedOption("Title", "Default Title")], available: true, quantity: 1)],
            tags: p.Tags, onlineStoreUrl: $"https://shop.example/products/p-{i}")).ToList();
        var catalog = new CatalogIndex(CatalogBuilder.Catalog(CatalogBuilder.DollarShop("labels.myshopify.com", "Labels", "shop.example"), products));

        foreach (var item in catalog.Products)
        {
            Assert.Equal(Audiences.Of(item).Order(), catalog.AudienceMarks.Of(item).Order());
            Assert.Same(catalog.AudienceMarks.Of(item), catalog.AudienceMarks.Of(item));
        }
        // For women: marked for women (or unisex) first, then unmarked; the kids' mittens and the men's socks never.
        var found = catalog.Search(new ProductQuery("wool", Audience: Audience.Women), 10).Select(m => m.Item.Product.Title).ToList();
        Assert.Equal(["Wool Hat", "Wool Jumper", "Wool Scarf"], found.Take(3).Order().ToList());
        Assert.Equal(["Wool Blanket"], found.Skip(3).ToList());
    }
}
