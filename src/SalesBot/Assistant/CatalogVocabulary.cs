namespace SalesBot.Assistant;

/// <summary>
/// The words a catalog uses to name things, for checking names the model writes: which words
/// sound like products here (titles, types, tags, options), which products use each word, the
/// other names that are fine to say (the shop, its collections, vendors, discounts), and every word the catalog
/// uses at all (those, plus its policies), so a noun it never uses reads as invented.
/// </summary>
public sealed class CatalogVocabulary
{
    private readonly Dictionary<string, List<IndexedProduct>> _products = new(StringComparer.Ordinal);
    // Per product, indexed by ordinal; small arrays of pooled strings keep a 50,000-product catalog cheap.
    private readonly (string[] Title, string[] All)[] _terms;
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _otherWords = new(StringComparer.Ordinal);

    public CatalogVocabulary(CatalogIndex catalog)
    {
        _terms = new (string[], string[])[catalog.Products.Count];
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Pooled(string term)
        {
            if (pool.TryGetValue(term, out var pooled)) return pooled;
            pool[term] = term;
            return term;
        }
        foreach (var item in catalog.Products)
        {
            var p = item.Product;
            var title = Tokenizer.Terms(p.Title).Select(Pooled).ToHashSet(StringComparer.Ordinal);
            var all = new HashSet<string>(title, StringComparer.Ordinal);
            void Add(string? text) { if (!string.IsNullOrEmpty(text)) all.UnionWith(Tokenizer.Terms(text).Select(Pooled)); }
            Add(p.ProductType);
            Add(p.Vendor);
            foreach (var tag in p.Tags) Add(tag);
            foreach (var collection in item.CollectionTitles) Add(collection);
            foreach (var option in p.Options)
                foreach (var value in option.Values)
                    if (value != "Default Title") Add(value);
            _terms[item.Ordinal] = ([.. title], [.. all]);
            foreach (var term in all)
            {
                if (!_products.TryGetValue(term, out var list)) _products[term] = list = [];
                list.Add(item);
            }

            // Raw tokens (SKUs, sizes like "XL", words like "LED") so they are not mistaken for discount codes.
            foreach (var v in p.Variants.Nodes)
            {
                if (!string.IsNullOrEmpty(v.Sku)) _tokens.Add(v.Sku);
                foreach (var word in Tokenizer.Words(v.Title)) _tokens.Add(word);
            }
            foreach (var word in Tokenizer.Words(p.Title)) _tokens.Add(word);
            AddName(p.Vendor);
            AddName(p.ProductType);
        }
        AddName(catalog.Shop.Name);
        foreach (var collection in catalog.CollectionTitles) AddName(collection);
        foreach (var discount in catalog.Discounts)
        {
            AddName(discount.Title);
            AddWords(discount.Summary);
        }
        foreach (var policy in catalog.Shop.ShopPolicies ?? [])
        {
            AddWords(policy.Title);
            AddWords(Tokenizer.StripHtml(policy.Body));
        }
    }

    /// <summary>True when some product's title, type, tag, option or collection uses this (stemmed) term.</summary>
    public bool IsProductWord(string term) => _products.ContainsKey(term);

    /// <summary>Products that use this term anywhere in their naming.</summary>
    public IReadOnlyList<IndexedProduct> ProductsWith(string term) => _products.GetValueOrDefault(term) ?? [];

    /// <summary>The stemmed terms of a product's title, and of everything it may be called by (options, type, tags...).</summary>
    public (string[] Title, string[] All) TermsOf(IndexedProduct item) => _terms[item.Ordinal];

    /// <summary>The shop, a collection, a vendor, a product type or a discount, by its normalized terms.</summary>
    public bool IsOtherName(IReadOnlyList<string> terms) => _names.Contains(string.Join(' ', terms));

    /// <summary>True when the catalog uses this (stemmed) term anywhere: a product's naming, the shop, a name, a discount or a policy.</summary>
    public bool IsCatalogWord(string term) => _products.ContainsKey(term) || _otherWords.Contains(term);

    /// <summary>A SKU, a size or a title word as written in the catalog.</summary>
    public bool IsCatalogToken(string token) => _tokens.Contains(token);

    private void AddName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return;
        var terms = Tokenizer.Terms(name).ToList();
        if (terms.Count > 0) _names.Add(string.Join(' ', terms));
        _otherWords.UnionWith(terms);
    }

    private void AddWords(string? text)
    {
        if (!string.IsNullOrWhiteSpace(text)) _otherWords.UnionWith(Tokenizer.Terms(text));
    }
}
