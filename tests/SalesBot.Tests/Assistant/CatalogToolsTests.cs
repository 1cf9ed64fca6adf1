using SalesBot.Assistant;
using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// search_products when the model leaves the cap, the stock wish or the audience in its query words ("candles under $20"):
/// they filter as they do in catalog-only mode, an argument the model filled wins, and the cap may be quoted back.
/// Expected products are read from the catalog by price, stock and tags, never from what the tool answered.
/// </summary>
public sealed class CatalogToolsTests : IAsyncLifetime
{
    private readonly CatalogIndex _catalog = new(CandleShop());
    private ScriptedOpenAiServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedOpenAiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private CatalogTools Tools() => new(_catalog, mayPromote: false, shareable: []);

    private static IReadOnlyList<string> Handles(IEnumerable<ToolProduct> found) => found.Select(p => p.Handle).Order().ToList();

    /// <summary>The catalog's products of a type whose cheapest variant satisfies <paramref name="price"/>, by handle.</summary>
    private IReadOnlyList<string> OfType(string type, Func<decimal, bool> price) => _catalog.Products
        .Where(p => p.Product.ProductType == type && price(p.Product.Variants.Nodes.Min(v => v.Price)))
        .Select(p => p.Product.Handle).Order().ToList();

    [Fact]
    public void A_cap_in_the_words_filters_and_is_not_searched_as_words()
    {
        Assert.NotEmpty(OfType("Candle", p => p >= 20));
        var expected = OfType("Candle", p => p < 20);
        Assert.NotEmpty(expected);
        var tools = Tools();

        var found = tools.SearchProducts("candles under $20");

        Assert.Equal(expected, Handles(found));
        Assert.Equal([20m], tools.PriceBounds);
        var terms = Tokenizer.Terms(ToolSearchQuery.From("candles under $20", null, null, false, null).Text).ToList();
        Assert.DoesNotContain("20", terms);
        Assert.DoesNotContain(Tokenizer.Stem("under"), terms);
    }

    [Fact]
    public void An_explicit_max_price_wins_over_the_cap_in_the_words()
    {
        var expected = OfType("Candle", p => p <= 30);
        Assert.NotEqual(OfType("Candle", p => p < 20), expected);
        var tools = Tools();

        var found = tools.SearchProducts("candles under $20", maxPrice: 30);

        Assert.Equal(expected, Handles(found));
        Assert.Equal([30m], tools.PriceBounds);
    }

    [Fact]
    public void An_explicit_bound_that_contradicts_the_words_stands_alone()
    {
        var expected = OfType("Candle", p => p >= 40);
        Assert.NotEmpty(expected);
        var tools = Tools();

        var found = tools.SearchProducts("candles under $20", minPrice: 40);

        Assert.Equal(expected, Handles(found));
        Assert.Equal([40m], tools.PriceBounds);
    }

    [Fact]
    public void A_range_in_the_words_keeps_both_ends()
    {
        var expected = OfType("Candle", p => p >= 20 && p <= 30);
        Assert.Contains(_catalog.Products, p => p.Product.ProductType == "Candle" && p.Product.Variants.Nodes[0].Price == 20m);
        var tools = Tools();

        var found = tools.SearchProducts("candles between 20 and 30");

        Assert.Equal(expected, Handles(found));
        Assert.Equal([20m, 30m], tools.PriceBounds);
    }

    [Fact]
    public void In_stock_in_the_words_leaves_sold_out_products_out()
    {
        var hoodies = OfType("Hoodie", _ => true);
        var buyable = _catalog.Products.Where(p => p.Product.ProductType == "Hoodie" && p.InStock).Select(p => p.Product.Handle).Order().ToList();
        Assert.NotEqual(hoodies, buyable);

        Assert.Equal(hoodies, Handles(Tools().SearchProducts("black hoodie")));
        Assert.Equal(buyable, Handles(Tools().SearchProducts("in stock black hoodie")));
        Assert.All(Tools().SearchProducts("in stock black hoodie"), p => Assert.True(p.InStock));
    }

    [Fact]
    public void An_audience_in_the_words_leaves_out_what_is_marked_for_someone_else()
    {
        var forWomen = _catalog.Products
            .Where(p => p.Product.ProductType == "Necklace" && !p.Product.Tags.Contains("men")).Select(p => p.Product.Handle).Order().ToList();
        Assert.NotEqual(OfType("Necklace", _ => true), forWomen);

        Assert.Equal(forWomen, Handles(Tools().SearchProducts("necklace for her")));
    }

    [Fact]
    public void An_audience_no_product_is_marked_for_finds_nothing_as_in_catalog_only_mode()
    {
        Assert.DoesNotContain(_catalog.Products, p => _catalog.AudienceMarks.Of(p).Contains(Audience.Kids));

        Assert.Empty(Tools().SearchProducts("something for a 6 year old"));
        Assert.NotEmpty(Tools().SearchProducts("candle for a 6 year old"));
    }

    [Fact]
    public void Cheapest_in_the_words_orders_by_price()
    {
        var byPrice = _catalog.Products.Where(p => p.Product.ProductType == "Candle")
            .OrderBy(p => p.Product.Variants.Nodes[0].Price).Select(p => p.Product.Handle).ToList();

        Assert.Equal(byPrice, Tools().SearchProducts("cheapest candle").Select(p => p.Handle));
    }

    [Fact]
    public void Words_that_would_call_a_person_in_a_shoppers_message_are_still_a_search_for_the_tool()
    {
        // "someone" makes a shopper's message a call for a person; in the model's query it is only a word.
        Assert.Equal(ShopperIntent.Human, ShopperMessage.Parse("a candle for someone under $20").Intent);

        Assert.Equal(OfType("Candle", p => p < 20), Handles(Tools().SearchProducts("a candle for someone under $20")));
    }

    [Fact]
    public async Task The_fact_check_lets_the_model_quote_the_cap_it_searched_with()
    {
        var cheap = _catalog.Products.Where(p => p.Product.ProductType == "Candle").MinBy(p => p.Product.Variants.Nodes[0].Price)!;
        var price = _catalog.Money.Format(cheap.Product.Variants.Nodes[0].Price);
        var text = $"Under $20, the [[{cheap.Product.Handle}]] at {price} is lovely.";
        // The shopper names no amount: the $20 is the model's, in its query words only.
        _server.ThenToolCall("search_products", new { query = "candles under $20" }).ThenText(text);

        var reply = await _server.CreateAssistant().ReplyAsync(new AssistantRequest(_catalog, "candles that won't break the bank?", null, [], MayPromote: false), default);

        Assert.Equal($"Under $20, the {cheap.Product.Title} at {price} is lovely.", reply.Text);
    }

    private static ShopifyData CandleShop() => CatalogBuilder.Catalog(
        CatalogBuilder.DollarShop(TestCatalog.Shop, "Candle Corner", "candles.example"),
        [
            // Not in price order, so an order by price is the tool's doing.
            Product(5, "Luxury Soy Candle", "luxury-soy-candle", "Candle", [], (45m, true)),
            Product(3, "Rose Candle", "rose-candle", "Candle", [], (20m, true)),
            Product(1, "Vanilla Candle", "vanilla-candle", "Candle", [], (12m, true)),
            Product(4, "Amber Candle", "amber-candle", "Candle", [], (26m, true)),
            Product(2, "Cedar Candle", "cedar-candle", "Candle", [], (19.99m, true)),
            Product(6, "Black Hoodie", "black-hoodie", "Hoodie", [], (40m, true)),
            Product(7, "Black Zip Hoodie", "black-zip-hoodie", "Hoodie", [], (38m, false)),
            Product(8, "Silver Pendant Necklace", "silver-pendant-necklace", "Necklace", ["women"], (35m, true)),
            Product(9, "Steel Chain Necklace", "steel-chain-necklace", "Necklace", ["men"], (42m, true)),
            Product(10, "Pearl Necklace", "pearl-necklace", "Necklace", [], (55m, true)),
            // Under every cap below, but no candle: the words still choose the kind.
            Product(11, "Canvas Tote", "canvas-tote", "Bag", [], (15m, true)),
        ]);

    private static Product Product(int id, string title, string handle, string type, string[] tags, (decimal Price, bool Available) variant) =>
        CatalogBuilder.Product($"gid://shopify/Product/{id}", title, handle,
            [CatalogBuilder.Variant($"gid://shopify/ProductVariant/{id}00", "Default Title", variant.Price, [new SelectedOption("Title", "Default Title")],
                available: variant.Available, quantity: variant.Available ? 5 : 0)],
            description: $"<p>A {title.ToLowerInvariant()}.</p>", vendor: "Test Vendor", productType: type, tags: tags,
            onlineStoreUrl: $"https://candles.example/products/{handle}",
            options: [CatalogBuilder.Option("o-title", "Title", 1, ["Default Title"])],
            media: [CatalogBuilder.Image($"https://cdn.example/{handle}.jpg")]);
}
