using SalesBot.Assistant.Semantic;
using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// One shop's catalog in memory, ready for retrieval: an inverted index over titles, types, tags,
/// collections, variant options, vendors and descriptions, weighted by field and by term rarity.
/// Immutable but for one step: its product vectors (<see cref="Semantic"/>) are attached once, in the background, after it
/// is built; until then it ranks by words alone. A newer snapshot builds a new index.
/// </summary>
public sealed partial class CatalogIndex
{
    // Exact-size arrays once built; the lists only exist while the constructor runs.
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly Dictionary<string, IndexedProduct> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedProduct> _byHandle = new(StringComparer.OrdinalIgnoreCase);
    // The terms of titles, types, tags, collections, options and vendors (not descriptions): what the shop names its
    // products with, so a shopper's "collar" stays "collar" where collars are sold, not where a shirt's collar is described.
    private readonly HashSet<string> _namingTerms;
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
        var namingTerms = new HashSet<string>(StringComparer.Ordinal);
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
            AddToIndex(item, postings, namingTerms);
        }
        Products = products.ToArray();
        _minPrices = products.Select(p => p.MinPrice).ToArray();
        AudienceMarks = new AudienceMarks(products.Count);
        _postings = new Dictionary<string, Posting[]>(postings.Count, StringComparer.Ordinal);
        foreach (var (term, list) in postings) _postings[term] = [.. list];
        // Held as the index's own term strings, so the set costs its slots, not a second copy of the words.
        _namingTerms = new HashSet<string>(namingTerms.Count, StringComparer.Ordinal);
        foreach (var term in _postings.Keys)
            if (namingTerms.Contains(term)) _namingTerms.Add(term);

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

    /// <summary>
    /// The query in this catalog's words: a Spanish, French or German word the catalog does not name products with is
    /// read in English (<see cref="ShopperGlossary"/>), for the word index and the sentence model alike.
    /// </summary>
    public ProductQuery InCatalogWords(ProductQuery query)
    {
        var text = ShopperGlossary.ToCatalogWords(query.Text, _namingTerms.Contains);
        return ReferenceEquals(text, query.Text) ? query : query with { Text = text };
    }

    public IndexedProduct? FindById(string id) => _byId.GetValueOrDefault(id);

    public IndexedProduct? FindByHandle(string handle) => _byHandle.GetValueOrDefault(handle);

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

    private static void AddToIndex(IndexedProduct item, Dictionary<string, List<Posting>> postings, HashSet<string> namingTerms)
    {
        var p = item.Product;
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        void Add(string? text, float weight, bool naming = true)
        {
            if (string.IsNullOrEmpty(text)) return;
            foreach (var term in Tokenizer.Terms(text))
            {
                weights[term] = Math.Min(weights.GetValueOrDefault(term) + weight, 6f);
                if (naming) namingTerms.Add(term);
            }
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
        Add(Tokenizer.StripHtml(p.Description), 0.7f, naming: false);
        foreach (var (term, weight) in weights)
        {
            if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
            list.Add(new Posting(item.Ordinal, weight));
        }
    }

    private readonly record struct Posting(int Product, float Weight);
}
