using SalesBot.Assistant;

namespace SalesBot.Tests.Assistant;

/// <summary>Catalog-only answers over Shopify's sample catalogs (apparel, jewelry, home and garden).</summary>
public sealed class CatalogOnlyAssistantTests
{
    private static readonly Lazy<CatalogIndex> Catalog = new(() =>
        new CatalogIndex(SampleCatalog.Load([SampleCatalog.Discount("WELCOME10", "10% off your first order")])));

    private static AssistantReply Ask(string text, bool mayPromote = true, string? payload = null, string[]? shared = null) =>
        CatalogOnlyAssistant.Reply(new AssistantRequest(Catalog.Value, text, payload, [], mayPromote, shared?.ToHashSet()));

    [SampleCatalogTheory]
    [InlineData("do you have a blue shirt?", "Ocean Blue Shirt")]
    [InlineData("what earrings do you have", "Earrings")]
    [InlineData("I need a sofa", "Sofa")]
    [InlineData("gold necklace", "Necklace")]
    [InlineData("something for my plants", "Pot")]
    public void Finds_the_right_products_in_the_first_three_cards(string question, string expected)
    {
        var reply = Ask(question);

        var top = reply.Cards.Take(3).ToList();
        Assert.NotEmpty(top);
        Assert.Contains(top, c => c.Title.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [SampleCatalogFact]
    public void Earrings_question_returns_only_earrings_first()
    {
        var reply = Ask("what earrings do you have");

        Assert.All(reply.Cards.Take(3), c => Assert.Contains("Earrings", c.Title));
    }

    [SampleCatalogFact]
    public void Gifts_under_30_are_in_stock_and_within_budget()
    {
        var reply = Ask("gifts under $30");

        Assert.True(reply.Cards.Count >= 3);
        Assert.All(reply.Cards.Take(3), c =>
        {
            Assert.True(c.InStock);
            Assert.True(decimal.Parse(c.Price!.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture) <= 30m, c.Price);
        });
    }

    [SampleCatalogFact]
    public void Cards_carry_catalog_prices_product_links_and_cart_permalinks()
    {
        var card = Ask("ocean blue shirt").Cards[0];
        var product = Catalog.Value.FindById(card.ProductId)!;
        var variant = product.Product.Variants.Nodes[0];

        Assert.Equal("Ocean Blue Shirt", card.Title);
        Assert.Equal("$50.00", card.Price);
        Assert.Equal("https://demo-store.example/products/ocean-blue-shirt", card.ProductUrl);
        Assert.Equal($"https://demo-store.example/cart/{ProductCardFactory.NumericId(variant.Id)}:1", card.BuyUrl);
        Assert.StartsWith("https://burst.shopifycdn.com/", card.ImageUrl);
    }

    [SampleCatalogFact]
    public void A_sold_out_variant_is_replaced_by_its_in_stock_sibling()
    {
        // The 7 Shakra Bracelet comes in Blue (in stock) and Black (sold out).
        var card = Ask("black shakra bracelet").Cards.First(c => c.Title == "7 Shakra Bracelet");
        var blue = Catalog.Value.FindByHandle("chain-bracelet")!.Product.Variants.Nodes.Single(v => v.Title == "Blue");

        Assert.True(card.InStock);
        Assert.Contains("Blue", card.Subtitle);
        Assert.EndsWith($"/cart/{ProductCardFactory.NumericId(blue.Id)}:1", card.BuyUrl);
    }

    [SampleCatalogFact]
    public void A_sold_out_product_is_never_offered_as_in_stock()
    {
        var reply = Ask("pink armchair");
        var armchair = reply.Cards.SingleOrDefault(c => c.Title == "Pink Armchair");

        Assert.NotNull(armchair);
        Assert.False(armchair.InStock);
        Assert.Null(armchair.BuyUrl);
        Assert.Contains("Sold out", armchair.Subtitle);
        Assert.Equal("That one is sold out right now, but these are available:", reply.Text);
    }

    [SampleCatalogFact]
    public void Greeting_welcomes_with_featured_products_and_quick_replies()
    {
        var reply = Ask("hi!");

        Assert.Contains("Welcome to Demo Store", reply.Text);
        Assert.NotEmpty(reply.Cards);
        Assert.Contains(reply.QuickReplies, q => q.Payload == ShopperMessage.PayloadHuman);
    }

    [SampleCatalogFact]
    public void Answers_in_the_shoppers_language()
    {
        Assert.StartsWith("¡Hola!", Ask("hola, buenos días").Text);
        Assert.StartsWith("Esto es lo que encontré", Ask("hola, busco una camisa blue").Text);
    }

    [SampleCatalogFact]
    public void Discount_codes_only_inside_the_24_hour_window()
    {
        Assert.Contains("WELCOME10", Ask("any discounts?", shared: ["WELCOME10"]).Text);
        var outside = Ask("any discounts?", mayPromote: false, shared: ["WELCOME10"]);
        Assert.DoesNotContain("WELCOME10", outside.Text);
        Assert.DoesNotContain(outside.QuickReplies, q => q.Payload == ShopperMessage.PayloadDiscounts);
    }

    [SampleCatalogFact]
    public void Asking_for_a_person_hands_off()
    {
        var reply = Ask("can I talk to a human please");

        Assert.True(reply.HandOff);
        Assert.Contains("person", reply.Text);
    }

    [SampleCatalogFact]
    public void Unknown_things_get_a_useful_answer_not_an_empty_one()
    {
        var reply = Ask("do you sell submarines");

        Assert.Contains("couldn't find", reply.Text);
        Assert.NotEmpty(reply.Cards);
    }
}
