namespace SalesBot.Assistant;

/// <summary>
/// How the bot looks for products, for the bot and for the merchant console alike: the shop's own index and ranking, the
/// bot's order (what can be bought first) and its cards. The console also sees what the bot withholds and why.
/// </summary>
public sealed class CatalogSearch(CatalogProvider catalogs)
{
    public const int PageSize = 24;
    public const int MaxQueryLength = 200;

    /// <summary>
    /// The bot's answer to a search: the index's best matches, those a shopper can buy first. <see cref="ShopperMatches.BestIsSoldOut"/>
    /// says the best match itself is sold out, which the bot says plainly.
    /// </summary>
    public static ShopperMatches Find(CatalogIndex catalog, ProductQuery query, int limit)
    {
        var matches = catalog.Search(query, limit);
        if (matches.Count == 0) return new ShopperMatches([], false);
        var bestIsSoldOut = !matches[0].Variant!.AvailableForSale && !matches[0].Item.InStock;
        return new ShopperMatches(matches.OrderByDescending(m => m.Item.InStock).ToList(), bestIsSoldOut);
    }

    /// <summary>
    /// "Something for a 5 year old" in a shop that marks nothing for kids: only an audience is asked for and no product is
    /// marked for it, so the answer is "not found" rather than anything at all (which is what the audience filter leaves).
    /// </summary>
    public static bool AskedAudienceIsAbsent(CatalogIndex catalog, ProductQuery query) =>
        query is { Audience: { } audience, MinPrice: null, MaxPrice: null } && !Tokenizer.Terms(catalog.InCatalogWords(query).Text).Any()
        && !catalog.Products.Any(p => catalog.AudienceMarks.Of(p).Contains(audience));

    /// <summary>Products the bot shows before anything is asked: in stock, in the merchant's order.</summary>
    public static IReadOnlyList<ProductMatch> Featured(CatalogIndex catalog, int limit) => catalog.Featured(limit);

    /// <summary>"What's new": the newest products that can be bought.</summary>
    public static IReadOnlyList<ProductMatch> Newest(CatalogIndex catalog, int limit) => catalog.Newest(limit);

    /// <summary>"Any deals?": products marked down below their compare-at price that can be bought.</summary>
    public static IReadOnlyList<ProductMatch> OnSale(CatalogIndex catalog, int limit) => catalog.OnSale(limit);

    /// <summary>
    /// The console's search of <paramref name="shop"/>'s published catalog: what the bot answers to <see cref="CatalogSearchRequest.Text"/>
    /// as a shopper's message, and every match, the bot's first, then the withheld ones the status filter asks for. Null when
    /// nothing has been published for the shop yet.
    /// </summary>
    public async Task<CatalogSearchResult?> SearchAsync(string shop, CatalogSearchRequest request, CancellationToken cancellationToken)
    {
        var catalog = await catalogs.GetAsync(shop, cancellationToken);
        if (catalog is null) return null;
        var text = (request.Text ?? "").Trim();
        if (text.Length > MaxQueryLength) text = text[..MaxQueryLength];

        var reply = CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, text, null, [], MayPromote: true));
        var message = ShopperMessage.Parse(text);
        var query = message.Intent == ShopperIntent.Search ? message.Query : new ProductQuery("");
        if (request.InStockOnly) query = query with { InStockOnly = true };

        var hits = new List<CatalogHit>();
        if (request.Status is CatalogStatusFilter.Active or CatalogStatusFilter.All)
            hits.AddRange(Matches(catalog, query).Select(m => CatalogHit.Offered(catalog, m)));
        // Words the bot's index knows choose by words in the withheld index too: a withheld product that only fits the
        // price must not appear beside word matches (the index falls back to filters alone when no word is known).
        if (catalog.Withheld is { } withheld && (withheld.KnowsAnyWord(query.Text) || !catalog.KnowsAnyWord(query.Text)))
            hits.AddRange(Matches(withheld, query)
                .Where(m => request.Status.Includes(m.Item.Product.Status))
                .Select(m => CatalogHit.Withheld(withheld, m)));

        var pageCount = Math.Max(1, (hits.Count + PageSize - 1) / PageSize);
        var page = Math.Clamp(request.Page, 1, pageCount);
        return new CatalogSearchResult(
            catalog.Shop.Name, catalog.Products.Count, catalog.Withheld?.Products.Count ?? 0, text, reply,
            hits.Skip((page - 1) * PageSize).Take(PageSize).ToList(), hits.Count, page, pageCount);
    }

    /// <summary>Every product of <paramref name="catalog"/> the query finds, in the bot's order; no words: the bot's browse order.</summary>
    private static IReadOnlyList<ProductMatch> Matches(CatalogIndex catalog, ProductQuery query)
    {
        if (Tokenizer.Terms(query.Text).Any() || query.MinPrice is not null || query.MaxPrice is not null)
            return Find(catalog, query, catalog.Products.Count).Matches;
        // What the bot shows first, then what it only shows when asked for by name (sold out).
        var featured = Featured(catalog, catalog.Products.Count);
        if (query.InStockOnly) return featured;
        return [.. featured, .. catalog.Products.Where(p => !p.InStock).Select(p => new ProductMatch(p, p.Product.Variants.Nodes[0], 0))];
    }
}

/// <summary>A search's matches in the bot's order, and whether its best match is sold out.</summary>
public sealed record ShopperMatches(IReadOnlyList<ProductMatch> Matches, bool BestIsSoldOut);

public enum CatalogStatusFilter { Active, Draft, Archived, All }

public static class CatalogStatusFilters
{
    public static bool Includes(this CatalogStatusFilter filter, string status) => filter switch
    {
        CatalogStatusFilter.All => true,
        CatalogStatusFilter.Active => status == "ACTIVE",
        CatalogStatusFilter.Draft => status == "DRAFT",
        CatalogStatusFilter.Archived => status == "ARCHIVED",
        _ => false,
    };

    public static CatalogStatusFilter Parse(string? value) => value?.ToLowerInvariant() switch
    {
        "draft" => CatalogStatusFilter.Draft,
        "archived" => CatalogStatusFilter.Archived,
        "all" => CatalogStatusFilter.All,
        _ => CatalogStatusFilter.Active,
    };
}

public sealed record CatalogSearchRequest(string? Text, bool InStockOnly = false, CatalogStatusFilter Status = CatalogStatusFilter.Active, int Page = 1);

/// <param name="Reply">What the bot, without a language model, answers a shopper who sends the query as a message.</param>
/// <param name="Hits">One page of matches.</param>
public sealed record CatalogSearchResult(
    string ShopName,
    int OfferedProducts,
    int WithheldProducts,
    string Text,
    AssistantReply Reply,
    IReadOnlyList<CatalogHit> Hits,
    int Total,
    int Page,
    int PageCount);

/// <summary>A product as the console shows it: the card a shopper would get and, when the bot does not offer it, why.</summary>
public sealed record CatalogHit(ProductCard Card, string Status, bool IsOffered, string? Reason, string? ProductType)
{
    public static CatalogHit Offered(CatalogIndex catalog, ProductMatch match) =>
        new(ProductCardFactory.Create(catalog, match), match.Item.Product.Status, true,
            match.Item.InStock ? null : "Sold out: the bot shows it only when asked for, after what can be bought, and without a Buy button.",
            match.Item.Product.ProductType);

    /// <summary>The card it would get, without links: a withheld product has no page a shopper could open.</summary>
    public static CatalogHit Withheld(CatalogIndex withheld, ProductMatch match)
    {
        var product = match.Item.Product;
        var reason = product.Status switch
        {
            "DRAFT" => "Draft: the bot offers only active products.",
            "ARCHIVED" => "Archived: the bot offers only active products.",
            "ACTIVE" => "Not published on the Online Store: a shopper could not buy it there, so the bot does not offer it.",
            var other => $"Status {other}: the bot offers only active products.",
        };
        var card = ProductCardFactory.Create(withheld, match) with { BuyUrl = null };
        return new CatalogHit(card, product.Status, false, reason, product.ProductType);
    }
}
