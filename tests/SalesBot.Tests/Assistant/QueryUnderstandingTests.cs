using SalesBot.Assistant;
using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>Catalog-only understanding without a model: price superlatives, ages and audiences, strict price bounds.</summary>
public sealed class QueryUnderstandingTests
{
    private static readonly Lazy<CatalogIndex> Synthetic = new(() => new CatalogIndex(SyntheticCatalog.Create(400, seed: 7)));

    private static Task<AssistantReply> AskAsync(CatalogIndex catalog, string text) =>
        Task.FromResult(CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, text, null, [], MayPromote: true)));

    /// <summary>The buyable products of a type with the price a shopper would pay, from the catalog itself.</summary>
    private static List<(Product Product, decimal Price)> Buyable(CatalogIndex catalog, string type) => catalog.Products
        .Where(p => p.Product.ProductType == type && p.InStock)
        .Select(p => (p.Product, p.AvailableVariants.Min(v => v.Price)))
        .ToList();

    [Theory]
    [InlineData("cheapest jacket", "Jacket")]
    [InlineData("what's your cheapest ring?", "Ring")]
    [InlineData("least expensive lamp", "Lamp")]
    public async Task Cheapest_names_the_cheapest_matching_product(string question, string type)
    {
        var catalog = Synthetic.Value;
        var expected = Buyable(catalog, type).MinBy(p => p.Price);

        var reply = await AskAsync(catalog, question);

        Assert.Equal(expected.Product.Title, reply.Cards[0].Title);
        Assert.Contains(expected.Product.Title, reply.Text);
        Assert.Contains(catalog.Money.Format(expected.Price), reply.Text);
        Assert.All(reply.Cards, c => Assert.Equal(type, catalog.FindById(c.ProductId)!.Product.ProductType));
    }

    [Theory]
    [InlineData("most expensive jacket", "Jacket")]
    [InlineData("your priciest sofa", "Sofa")]
    public async Task Most_expensive_names_the_dearest_matching_product(string question, string type)
    {
        var catalog = Synthetic.Value;
        var expected = Buyable(catalog, type).MaxBy(p => p.Price);

        var reply = await AskAsync(catalog, question);

        Assert.Equal(expected.Product.Title, reply.Cards[0].Title);
        Assert.Contains(expected.Product.Title, reply.Text);
        Assert.Contains(catalog.Money.Format(expected.Price), reply.Text);
    }

    [Fact]
    public async Task Cheapest_under_a_budget_stays_under_it()
    {
        var catalog = Synthetic.Value;
        var expected = Buyable(catalog, "Jacket").Where(p => p.Price < 100m).MinBy(p => p.Price);

        var reply = await AskAsync(catalog, "cheapest jacket under $100");

        Assert.Equal(expected.Product.Title, reply.Cards[0].Title);
    }

    private static readonly CatalogIndex People = new(CatalogBuilder.Catalog(
        CatalogBuilder.DollarShop("people.myshopify.com", "People Shop", "people.example"),
        [
            Item(1, "Soft Shirt 5", "Shirt", [], 30m),
            Item(2, "Dino Tee", "Shirt", ["kids"], 18m),
            Item(3, "Silk Scarf", "Scarf", ["women"], 45m),
            Item(4, "Floral Dress", "Dress", ["women", "summer"], 29.99m),
            Item(5, "Leather Wallet", "Wallet", ["men"], 40m),
            Item(6, "Wool Beanie", "Hat", ["unisex"], 22m),
            Item(7, "Men's Chino", "Trousers", [], 55m),
        ]));

    private static Product Item(int id, string title, string type, string[] tags, decimal price) =>
        CatalogBuilder.Product($"gid://shopify/Product/{id}", title, $"p{id}",
            [CatalogBuilder.Variant($"gid://shopify/ProductVariant/{id}", "Default Title", price, [new SelectedOption("Title", "Default Title")])],
            productType: type, tags: tags, onlineStoreUrl: $"https://people.example/products/p{id}");

    [Theory]
    [InlineData("something for a 5 year old")]
    [InlineData("a gift for my 5-year-old")]
    [InlineData("shirt for age 5")]
    public async Task An_age_is_not_a_product_word(string question)
    {
        var query = ShopperMessage.Parse(question).Query;
        var reply = await AskAsync(People, question);

        Assert.DoesNotContain("5", query.Text);
        Assert.Equal(Audience.Kids, query.Audience);
        Assert.Equal("Dino Tee", reply.Cards[0].Title);
        Assert.DoesNotContain(reply.Cards, c => c.Title is "Silk Scarf" or "Floral Dress" or "Leather Wallet");
    }

    [Theory]
    [InlineData("a gift for my boyfriend")]
    [InlineData("something for my husband")]
    public async Task For_a_man_prefers_mens_and_unisex_and_leaves_out_womens(string question)
    {
        var reply = await AskAsync(People, question);

        Assert.NotEmpty(reply.Cards);
        Assert.DoesNotContain(reply.Cards, c => c.Title is "Silk Scarf" or "Floral Dress" or "Dino Tee");
        Assert.All(reply.Cards.Take(3), c => Assert.Contains(c.Title, new[] { "Leather Wallet", "Wool Beanie", "Men's Chino" }));
    }

    [Fact]
    public async Task For_my_girlfriend_leaves_out_mens()
    {
        var reply = await AskAsync(People, "gift for my girlfriend");

        Assert.DoesNotContain(reply.Cards, c => c.Title is "Leather Wallet" or "Men's Chino");
        Assert.Contains(reply.Cards.Take(3), c => c.Title is "Silk Scarf" or "Floral Dress");
    }

    [Fact]
    public async Task Under_is_strictly_below_and_up_to_includes_the_amount()
    {
        var under = await AskAsync(People, "anything under $30");
        var upTo = await AskAsync(People, "anything up to $30");

        Assert.All(under.Cards, c => Assert.True(People.FindById(c.ProductId)!.MinPrice < 30m, c.Title));
        Assert.DoesNotContain(under.Cards, c => c.Title == "Soft Shirt 5");
        Assert.Contains(under.Cards, c => c.Title == "Floral Dress");
        Assert.Contains(upTo.Cards, c => c.Title == "Soft Shirt 5");
    }

    [Fact]
    public void Over_is_strictly_above_and_at_least_includes_the_amount()
    {
        Assert.False(ShopperMessage.Parse("over $40").Query.InPriceRange(40m));
        Assert.True(ShopperMessage.Parse("at least $40").Query.InPriceRange(40m));
        Assert.True(ShopperMessage.Parse("between 20 and 40").Query.InPriceRange(40m));
    }
}

public sealed class AudienceWithoutMarksTests
{
    [Fact]
    public async Task An_age_in_a_shop_that_marks_nothing_for_kids_is_said_not_found()
    {
        var catalog = new CatalogIndex(TestCatalog.Create());

        var reply = CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, "something for a 5 year old", null, [], true));

        Assert.Equal(Phrases.For("en").NotFound, reply.Text);
    }
}
