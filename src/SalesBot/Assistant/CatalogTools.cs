using System.ComponentModel;
using Microsoft.Extensions.AI;

namespace SalesBot.Assistant;

/// <summary>
/// The tools the model may call during one turn, over one catalog. They return facts in plain
/// shapes and remember what the model saw, so cards and the fact check can use the same products.
/// </summary>
public sealed class CatalogTools(CatalogIndex catalog, bool mayPromote, IReadOnlyList<ActiveDiscount> shareable)
{
    private const int SearchLimit = 8;
    private readonly Dictionary<string, IndexedProduct> _seen = new(StringComparer.Ordinal);
    private readonly List<ProductMatch> _searchResults = [];

    private readonly List<decimal> _priceBounds = [];

    public bool HandOffRequested { get; private set; }

    /// <summary>The price limits the model searched with: it may repeat them ("gifts under $30").</summary>
    public IReadOnlyList<decimal> PriceBounds => _priceBounds;

    /// <summary>Every product a tool returned, in first-seen order.</summary>
    public IReadOnlyCollection<IndexedProduct> Seen => _seen.Values;

    /// <summary>The search hits, best first, for cards when the model names no product.</summary>
    public IReadOnlyList<ProductMatch> SearchResults => _searchResults;

    public IList<AITool> All =>
    [
        AIFunctionFactory.Create(SearchProducts, "search_products",
            "Search the store's catalog. Use it before recommending anything. Returns products with handle, title, price and stock."),
        AIFunctionFactory.Create(GetProductDetails, "get_product_details",
            "Details of one product by its handle: description, every variant with its price and stock."),
        AIFunctionFactory.Create(ListDiscountCodes, "list_discount_codes",
            "Active discount codes the shopper may use. Only mention codes this tool returns."),
        AIFunctionFactory.Create(GetStorePolicy, "get_store_policy",
            "The store's own policy text and link for refund, shipping, privacy, terms or contact questions, or how a shopper can check an order (order_status). Answer only from its text."),
        AIFunctionFactory.Create(HandOffToHuman, "handoff_to_human",
            "Call when the shopper wants a person, for complaints, and for anything the catalog and the store's policies cannot answer."),
    ];

    /// <summary>A product another tool returned (<see cref="Memory.CartTools"/>): its prices may be quoted, its card shown.</summary>
    public void Saw(IndexedProduct item) => _seen.TryAdd(item.Product.Id, item);

    /// <summary>Hits of another tool (cheaper, similar), kept like search hits for the cards.</summary>
    public void Found(IEnumerable<ProductMatch> matches)
    {
        foreach (var m in matches)
        {
            Saw(m.Item);
            if (!_searchResults.Any(r => r.Item == m.Item)) _searchResults.Add(m);
        }
    }

    public IReadOnlyList<ToolProduct> SearchProducts(
        [Description("What the shopper wants, in a few words, e.g. 'blue shirt' or 'gold earrings'")] string query,
        [Description("Lowest price, in the shop's currency")] decimal? minPrice = null,
        [Description("Highest price, in the shop's currency")] decimal? maxPrice = null,
        [Description("Only products that can be bought now")] bool inStockOnly = false,
        [Description("A collection title to search within")] string? collection = null)
    {
        var searched = ToolSearchQuery.From(query, minPrice, maxPrice, inStockOnly, collection);
        // Bounds read from the words are the model's bounds too: it may say "under $20" after searching "candles under $20".
        if (searched.MinPrice is { } min) _priceBounds.Add(min);
        if (searched.MaxPrice is { } max) _priceBounds.Add(max);
        if (CatalogSearch.AskedAudienceIsAbsent(catalog, searched)) return [];
        // "cheapest candle": in price order, as the catalog-only mode answers it; the word itself is no search term.
        var matches = searched.Order is null ? catalog.Search(searched, SearchLimit) : PriceSuperlatives.Rank(catalog, searched, SearchLimit);
        foreach (var m in matches)
        {
            _seen.TryAdd(m.Item.Product.Id, m.Item);
            if (!_searchResults.Any(r => r.Item == m.Item)) _searchResults.Add(m);
        }
        return matches.Select(m => ToolProduct.From(catalog, m.Item)).ToList();
    }

    public object GetProductDetails([Description("The product's handle from search_products")] string handle)
    {
        var item = catalog.FindByHandle(handle);
        if (item is null) return new { error = $"No product with handle '{handle}'. Use search_products." };
        _seen.TryAdd(item.Product.Id, item);
        var description = Tokenizer.StripHtml(item.Product.Description);
        return new
        {
            product = ToolProduct.From(catalog, item),
            description = description.Length > 600 ? description[..600] : description,
            variants = item.Product.Variants.Nodes.Select(v => new
            {
                title = v.Title,
                price = catalog.Money.Format(v.Price),
                inStock = v.AvailableForSale,
            }),
        };
    }

    public object ListDiscountCodes()
    {
        // Messenger policy: promotions only within 24 hours of the shopper's last message.
        if (!mayPromote) return new { codes = Array.Empty<object>(), note = "Discount codes cannot be shared in this conversation now." };
        if (shareable.Count == 0) return new { codes = Array.Empty<object>(), note = "The shop shares no discount codes in chat." };
        return new { codes = shareable.Select(d => new { code = d.Code, title = d.Title, summary = d.Summary, endsAt = d.EndsAt }) };
    }

    public object GetStorePolicy([Description("One of: refund, shipping, privacy, terms, contact, order_status")] string topic) =>
        PolicyAnswers.ForTool(catalog, topic);

    public string HandOffToHuman([Description("Why a person is needed, in a few words")] string? reason = null)
    {
        HandOffRequested = true;
        return "A person has been notified and will answer in this conversation. Tell the shopper so, briefly.";
    }
}

/// <summary>A product as a tool returns it: <see cref="Handle"/> is how the model refers to it in its text.</summary>
public sealed record ToolProduct(
    string Handle,
    string Title,
    string Price,
    string? CompareAtPrice,
    bool InStock,
    IReadOnlyList<string> InStockOptions,
    IReadOnlyList<string> SoldOutOptions,
    string? ProductType,
    IReadOnlyList<string> Collections)
{
    public static ToolProduct From(CatalogIndex catalog, IndexedProduct item)
    {
        var variants = item.Product.Variants.Nodes;
        var buyable = item.AvailableVariants.FirstOrDefault();
        var shown = buyable ?? variants[0];
        return new ToolProduct(
            item.Product.Handle,
            item.Product.Title,
            catalog.Money.Format(shown.Price),
            shown.CompareAtPrice is { } was && was > shown.Price ? catalog.Money.Format(was) : null,
            item.InStock,
            variants.Where(v => v.AvailableForSale && v.Title != "Default Title").Select(v => v.Title).ToList(),
            variants.Where(v => !v.AvailableForSale && v.Title != "Default Title").Select(v => v.Title).ToList(),
            item.Product.ProductType,
            item.CollectionTitles);
    }
}
