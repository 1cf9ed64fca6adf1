using SalesBot.Assistant.Semantic;
using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// One shop's catalog in memory, ready for retrieval: an inverted index over titles, types, tags,
/// collections, variant options, vendors and descriptions, weighted by field and by term rarity.
/// Immutable but for one step: its product vectors (<see cref="Semantic"/>) are attached once, in the background, after it
/// is built; until then it ranks by words alone. A newer snapshot builds a new index.
/// </summary>
public sealed class CatalogIndex
{
    // Exact-size arrays once built; the lists only exist while the constructor runs.
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly Dictionary<string, IndexedProduct> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedProduct> _byHandle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<CatalogVocabulary> _vocabulary;
    private readonly Lazy<IReadOnlySet<decimal>> _amounts;
    private readonly Lazy<IReadOnlySet<decimal>> _discountAmounts;
    private readonly Lazy<CatalogIndex>? _withheld;
    private volatile SemanticIndex? _semantic;
    private int[]? _priceOrder;
    // Each product's lowest price by ordinal, flat: the price filters read it for thousands of candidates a turn, and
    // reading it from each product's own object was a cache miss apiece (800 KB at 50,000 products).
    private readonly decimal[] _minPrices;

    public CatalogIndex(ShopifyData data, string? contentHash = null) : this(data, contentHash, offered: true)
    {
    }

    /// <param name="offered">
    /// True for the bot's index (the products it offers); false for the index of the products it withholds, built the same
    /// way so the console finds them as the bot would if it offered them.
    /// </param>
    private CatalogIndex(ShopifyData data, string? contentHash, bool offered)
    {
        Shop = data.Data.Shop;
        ContentHash = contentHash;
        Money = new MoneyFormatter(Shop);
        var domain = Shop.PrimaryDomain?.Host ?? Shop.MyshopifyDomain;
        StoreHost = domain;

        var collectionsByProduct = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var collection in data.Data.Collections.Nodes)
            foreach (var member in collection.Products.Nodes)
            {
                if (!collectionsByProduct.TryGetValue(member.Id, out var list)) collectionsByProduct[member.Id] = list = [];
                list.Add(collection.Title);
            }
        CollectionTitles = data.Data.Collections.Nodes.Select(c => c.Title).ToList();

        var products = new List<IndexedProduct>();
        var compactor = new CatalogCompactor();
        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        var withheld = new List<Product>();
        foreach (var snapshotProduct in data.Data.Products.Nodes)
        {
            // A product without a variant has no price and no card, so no index holds it.
            if (snapshotProduct.Variants.Nodes.Count == 0) continue;
            if (IsOffered(snapshotProduct) != offered)
            {
                if (offered) withheld.Add(compactor.Compact(snapshotProduct));
                continue;
            }
            var product = compactor.Compact(snapshotProduct);
            var item = new IndexedProduct(
                products.Count,
                product,
                product.Variants.Nodes.Min(v => v.Price),
                product.Variants.Nodes.Any(v => v.AvailableForSale),
                collectionsByProduct.TryGetValue(product.Id, out var titles) ? titles : [],
                DateTimeOffset.TryParse(snapshotProduct.CreatedAt, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var created) ? created : null);
            products.Add(item);
            _byId[product.Id] = item;
            _byHandle[product.Handle] = item;
            AddToIndex(item, postings);
        }
        Products = products.ToArray();
        _minPrices = products.Select(p => p.MinPrice).ToArray();
        AudienceMarks = new AudienceMarks(products.Count);
        _postings = new Dictionary<string, Posting[]>(postings.Count, StringComparer.Ordinal);
        foreach (var (term, list) in postings) _postings[term] = [.. list];

        if (offered)
        {
            // Only the console asks for these, so the index is built on first use; until then only the compacted products are held.
            var withheldData = new ShopifyData(data.Data with { Products = new Connection<Product>(withheld), CodeDiscountNodes = Connection<DiscountNode>.Empty }, null);
            _withheld = new Lazy<CatalogIndex>(() => new CatalogIndex(withheldData, contentHash, offered: false));
        }

        var discountNodes = data.Data.CodeDiscountNodes.Nodes;
        // Built on first use: only the LLM's fact check needs them, and catalog-only mode should not pay.
        _vocabulary = new Lazy<CatalogVocabulary>(() => new CatalogVocabulary(this));
        _discountAmounts = new Lazy<IReadOnlySet<decimal>>(() => CatalogAmounts.OfDiscounts(discountNodes));
        _amounts = new Lazy<IReadOnlySet<decimal>>(() => CatalogAmounts.Build(Products, discountNodes));

        Codes = data.Data.CodeDiscountNodes.Nodes
            .SelectMany(d => (d.CodeDiscount.Codes?.Nodes ?? []).Select(c => new CatalogCode(d.Id, c.Code, d.CodeDiscount.Title ?? c.Code,
                d.CodeDiscount.Summary, d.CodeDiscount.Status, d.CodeDiscount.EndsAt, CodeEligibility.RestrictionOf(d.CodeDiscount))))
            .ToList();
        // Single-use and customer-restricted codes never get here, so no reply can offer them whatever the settings say.
        Discounts = data.Data.CodeDiscountNodes.Nodes
            .Where(d => d.CodeDiscount.IsActive && CodeEligibility.RestrictionOf(d.CodeDiscount) == CodeRestriction.None)
            .SelectMany(d => (d.CodeDiscount.Codes?.Nodes ?? []).Select(c =>
                new ActiveDiscount(c.Code, d.CodeDiscount.Title ?? c.Code, d.CodeDiscount.Summary, d.CodeDiscount.EndsAt, d)))
            .ToList();

        Counts = new CatalogCounts(
            data.Data.Products.Nodes.Count,
            data.Data.Products.Nodes.Sum(p => p.Variants.Nodes.Count),
            data.Data.Collections.Nodes.Count,
            discountNodes.Count,
            Products.Count,
            Discounts.Count);
    }

    /// <summary>
    /// The one rule for what the assistant may offer, so catalog-only and LLM replies, cards and the fact check all obey
    /// it: the snapshot keeps every status, but a shopper can only buy an active product published on the online store
    /// (Shopify's <c>onlineStoreUrl</c> is null otherwise: drafts, archived, unpublished or scheduled products) that has
    /// a variant to put in a cart.
    /// </summary>
    public static bool IsOffered(Product product) =>
        product.IsActive && !string.IsNullOrEmpty(product.OnlineStoreUrl) && product.Variants.Nodes.Count > 0;

    public ShopInfo Shop { get; }
    public string? ContentHash { get; }
    public MoneyFormatter Money { get; }
    public string StoreHost { get; }
    public IReadOnlyList<IndexedProduct> Products { get; }

    /// <summary>Who each product is marked for (<see cref="Audiences.Of"/>), read once per product.</summary>
    public AudienceMarks AudienceMarks { get; }
    public IReadOnlyList<string> CollectionTitles { get; }
    /// <summary>Active codes anyone may redeem: the only ones a merchant's pick can let the assistant share.</summary>
    public IReadOnlyList<ActiveDiscount> Discounts { get; }
    public CatalogCounts Counts { get; }

    /// <summary>Every redeem code of the catalog, of any status, with its restriction, for the merchant to choose from.</summary>
    public IReadOnlyList<CatalogCode> Codes { get; }

    /// <summary>The words this catalog names things with, for checking names in the model's text.</summary>
    public CatalogVocabulary Vocabulary => _vocabulary.Value;

    /// <summary>Every amount the catalog states: prices, compare-at prices, savings, discount values and minimums.</summary>
    public IReadOnlySet<decimal> Amounts => _amounts.Value;

    /// <summary>The amounts active discounts state: their values and minimums.</summary>
    public IReadOnlySet<decimal> DiscountAmounts => _discountAmounts.Value;

    /// <summary>
    /// The snapshot's products the bot does not offer (drafts, archived, not on the Online Store), in an index of their
    /// own so the bot's ranking is untouched; for the console. Empty for an index of withheld products.
    /// </summary>
    public CatalogIndex? Withheld => _withheld?.Value;

    /// <summary>The product vectors that rank by meaning beside words; null until attached (or with semantic search off).</summary>
    public SemanticIndex? Semantic => _semantic;

    /// <summary>Attaches the vectors built for this index's products (row = ordinal); searches use them from now on.</summary>
    public void AttachSemantic(SemanticIndex semantic)
    {
        if (semantic.Count != Products.Count) throw new ArgumentException($"{semantic.Count} vectors for {Products.Count} products.", nameof(semantic));
        _semantic = semantic;
    }

    /// <summary>Whether any word of <paramref name="text"/> names something in this index (else a search falls back to its filters).</summary>
    public bool KnowsAnyWord(string text)
    {
        var words = Tokenizer.Terms(text).ToList();
        return words.Any(_postings.ContainsKey) || words.Zip(words.Skip(1), (a, b) => a + b).Any(_postings.ContainsKey);
    }

    public IndexedProduct? FindById(string id) => _byId.GetValueOrDefault(id);

    public IndexedProduct? FindByHandle(string handle) => _byHandle.GetValueOrDefault(handle);

    /// <summary>Finds products for a query; sold-out products rank below anything a shopper can buy.</summary>
    /// <remarks>
    /// Per turn at 50,000 products a frequent word ("blue") reaches thousands of products and a price-only question all of
    /// them, so the scores live in pooled flat arrays (<see cref="SearchScratch"/>), the filters (price, collection, in
    /// stock) drop what the walk below would skip before anything is ordered, and the walk takes candidates best-first
    /// from a heap (<see cref="BestFirst"/>) instead of sorting them all: the same results as a full sort.
    /// </remarks>
    public IReadOnlyList<ProductMatch> Search(ProductQuery query, int limit)
    {
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

        // Walk best-first and stop once enough buyable hits are found: a sold-out product scores a
        // fifth of its match, so nothing further down the list can outrank them.
        var results = new List<ProductMatch>();
        var buyable = 0;
        var ranked = new BestFirst(candidates);
        while (buyable < limit && ranked.TryTake(out var next)) Show(Products[next.Ordinal], next.Score, query, terms, results, ref buyable);
        return Best(results, limit);
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

    /// <summary>Products to show when the shopper has not asked for anything yet: in stock, in the merchant's order.</summary>
    public IReadOnlyList<ProductMatch> Featured(int limit) =>
        Products.Where(p => p.InStock).Take(limit)
            .Select(p => new ProductMatch(p, p.AvailableVariants.First(), 0)).ToList();

    /// <summary>The newest products a shopper can buy (Shopify's <c>createdAt</c>, newest first; undated ones last, in the merchant's order).</summary>
    public IReadOnlyList<ProductMatch> Newest(int limit) =>
        Products.Where(p => p.InStock).OrderByDescending(p => p.CreatedAt ?? DateTimeOffset.MinValue).ThenBy(p => p.Ordinal).Take(limit)
            .Select(p => new ProductMatch(p, p.AvailableVariants.First(), 0)).ToList();

    /// <summary>Products on sale now: a buyable variant priced under its compare-at price, the deepest markdown first.</summary>
    public IReadOnlyList<ProductMatch> OnSale(int limit) =>
        Products.Select(p => (Item: p, Variant: p.AvailableVariants.Where(v => v.CompareAtPrice > v.Price)
                .OrderByDescending(v => (v.CompareAtPrice!.Value - v.Price) / v.CompareAtPrice.Value).FirstOrDefault()))
            .Where(x => x.Variant is not null)
            .OrderByDescending(x => (x.Variant!.CompareAtPrice!.Value - x.Variant.Price) / x.Variant.CompareAtPrice.Value).ThenBy(x => x.Item.Ordinal)
            .Take(limit).Select(x => new ProductMatch(x.Item, x.Variant, 0)).ToList();

    /// <summary>
    /// The variant to sell: within the price range, preferring in stock, then the one whose options
    /// the shopper named ("blue"). Null when no variant fits the price range.
    /// </summary>
    public static ProductVariant? BestVariant(IndexedProduct item, ProductQuery query, IReadOnlyCollection<string> terms)
    {
        ProductVariant? best = null;
        var bestScore = int.MinValue;
        foreach (var v in item.Product.Variants.Nodes)
        {
            if (!query.InPriceRange(v.Price)) continue;
            var score = v.AvailableForSale ? 100 : 0;
            if (terms.Count > 0)
                foreach (var option in v.SelectedOptions)
                    foreach (var word in Tokenizer.Terms(option.Value))
                        if (terms.Contains(word)) score += 10;
            if (score > bestScore) (best, bestScore) = (v, score);
        }
        return best;
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

    private static void AddToIndex(IndexedProduct item, Dictionary<string, List<Posting>> postings)
    {
        var p = item.Product;
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        void Add(string? text, float weight)
        {
            if (string.IsNullOrEmpty(text)) return;
            foreach (var term in Tokenizer.Terms(text))
                weights[term] = Math.Min(weights.GetValueOrDefault(term) + weight, 6f);
        }
        Add(p.Title, 3f);
        var titleWords = Tokenizer.Terms(p.Title).ToList();
        for (var i = 0; i + 1 < titleWords.Count; i++) Add(titleWords[i] + titleWords[i + 1], 1.5f);
        Add(p.ProductType, 2.5f);
        foreach (var tag in p.Tags) Add(tag, 2f);
        foreach (var title in item.CollectionTitles) Add(title, 1.5f);
        foreach (var option in p.Options)
            foreach (var value in option.Values)
                if (value != "Default Title") Add(value, 1.5f);
        Add(p.Vendor, 1f);
        Add(Tokenizer.StripHtml(p.Description), 0.7f);
        foreach (var (term, weight) in weights)
        {
            if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
            list.Add(new Posting(item.Ordinal, weight));
        }
    }

    private readonly record struct Posting(int Product, float Weight);
}
