using SalesBot.Assistant;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The fact check in both directions: what the catalog does not say is repaired or dropped, and a
/// reply that only says what the catalog says passes word for word.
/// </summary>
public sealed class FactCheckerTests
{
    private static readonly CatalogIndex Boutique = new(TestCatalog.Create());
    private static readonly Lazy<CatalogIndex> Sample = new(() => new CatalogIndex(SampleCatalog.Load(
        [SampleCatalog.Discount("TAKE10", "$10 off orders over $75"), SampleCatalog.Discount("OLD20", "20% off", status: "EXPIRED")])));

    /// <summary>With <paramref name="mayPromote"/>, the merchant shares <paramref name="shared"/> codes (every eligible one by default).</summary>
    private static FactCheckResult Check(string text, CatalogIndex? catalog = null, bool mayPromote = true, decimal[]? budgets = null, string[]? seen = null,
        string[]? shared = null)
    {
        catalog ??= Boutique;
        var seenProducts = (seen ?? []).Select(h => catalog.FindByHandle(h)!).ToList();
        var request = new AssistantRequest(catalog, text, null, [], mayPromote,
            (shared ?? catalog.Discounts.Select(d => d.Code).ToArray()).ToHashSet(StringComparer.OrdinalIgnoreCase));
        return FactChecker.Check(text, catalog, new TurnFacts(seenProducts, (budgets ?? []).ToHashSet(), request.ShareableDiscounts()));
    }

    [Fact]
    public void Only_a_code_the_merchant_shares_passes_and_only_its_percentage()
    {
        var catalog = new CatalogIndex(TestCatalog.Create([SampleCatalog.Discount("TAKE10", "$10 off orders over $75"),
            CatalogBuilder.CodeDiscount("gid://shopify/DiscountCodeNode/77", "Spring", ["SPRING15"], summary: "15% off everything", value: CatalogBuilder.Percentage(0.15))]));
        Assert.Equal("Use code TAKE10 at checkout.", Check("Use code TAKE10 at checkout.", catalog, shared: ["TAKE10"]).Text);
        Assert.Equal("", Check("Use code SPRING15 at checkout.", catalog, shared: ["TAKE10"]).Text);
        Assert.Equal("", Check("Everything is 15% off this week.", catalog, shared: ["TAKE10"]).Text);
        Assert.Equal("Everything is 15% off this week.", Check("Everything is 15% off this week.", catalog, shared: ["SPRING15"]).Text);
        Assert.Equal("", Check("Use code TAKE10 at checkout.", catalog, shared: []).Text);
    }

    [Theory]
    [InlineData("We also carry the Galaxy Hoodie in black. The Ocean Blue Shirt is a classic.", "The Ocean Blue Shirt is a classic.")]
    [InlineData("Galaxy Sneakers are back in stock! Enjoy.", "Enjoy.")]
    [InlineData("Have a look at our Ocean Green Shirt. It is soft.", "It is soft.")]
    [InlineData("You could pair it with the Pink Silk Armchair Cover.", "")]
    public void An_invented_product_in_plain_text_drops_its_sentence(string reply, string expected) =>
        Assert.Equal(expected, Check(reply).Text);

    [Theory]
    [InlineData("Try our cozy alpine parka, only $50.00. The Ocean Blue Shirt is a classic.", "The Ocean Blue Shirt is a classic.")]
    [InlineData("The Zephyr Parka is a customer favourite.", "")]
    [InlineData("We also sell wool beanies and leather wallets. Have a look.", "Have a look.")]
    [InlineData("We have hats, scarves and gloves for winter.", "")]
    [InlineData("Grab a pair of Zephyr sneakers while they last.", "")]
    [InlineData("Parkas are back in stock!", "")]
    [InlineData("No worries, our wool beanies are lovely.", "")]
    [InlineData("The Ocean Blue Shirt is $50.00. It is also available as a hoodie.", "The Ocean Blue Shirt is $50.00.")]
    public void Invented_merchandise_in_any_case_drops_its_sentence(string reply, string expected)
    {
        var result = Check(reply);
        Assert.Equal(expected, result.Text);
        Assert.Contains(result.Corrections, c => c.Contains("unknown product"));
    }

    [Theory]
    [InlineData("the ocean blue shirt is $50.00, and the galaxy earrings are $37.99.")]
    [InlineData("Our ocean blu shirts and galaxy earing styles are a classic.")]
    [InlineData("We don't carry parkas, beanies or wallets, sorry!")]
    [InlineData("You mentioned a Zephyr Parka: that's not something we stock.")]
    [InlineData("Your order ships from our warehouse, and shipping is free on orders over $100.")]
    [InlineData("Pair the Ocean Blue Shirt with your favourite jeans.")]
    [InlineData("Our sizes run small, so pick one size up.")]
    [InlineData("The 7 Shakra Bracelet comes in Blue, in a gift box.")]
    [InlineData("Happy Black Friday from Test Boutique! Our shirts are a classic.")]
    public void Honest_names_in_any_case_pass_unchanged(string reply)
    {
        var result = Check(reply);
        Assert.True(reply == result.Text, $"{reply} → {result.Text} ({string.Join("; ", result.Corrections)})");
    }

    [Theory]
    [InlineData("Everything is just $12.50 today! Shipping is free.", "Shipping is free.")]
    [InlineData("Prices start at €9.", "")]
    [InlineData("That one is 15 dollars.", "")]
    public void A_price_the_catalog_does_not_state_drops_its_sentence(string reply, string expected) =>
        Assert.Equal(expected, Check(reply).Text);

    [Fact]
    public void A_wrong_price_next_to_a_product_is_repaired_and_one_after_it_is_dropped()
    {
        var repaired = Check("The Galaxy Earrings are only $19.99 this week.");
        Assert.Equal("The Galaxy Earrings are only $37.99 this week.", repaired.Text);
        Assert.Contains(repaired.Corrections, c => c.Contains("repaired price $19.99"));

        // "It" is the shirt: the earrings' price is a catalog price, but not the shirt's.
        Assert.Equal("I recommend the Ocean Blue Shirt.", Check("I recommend the Ocean Blue Shirt. It costs $37.99.").Text);
        Assert.Equal("I recommend the Ocean Blue Shirt. It costs $50.", Check("I recommend the Ocean Blue Shirt. It costs $50.").Text);
    }

    [Fact]
    public void The_shoppers_budget_may_be_repeated_when_it_is_true()
    {
        Assert.Equal("Here are a few gifts under $40.", Check("Here are a few gifts under $40.", budgets: [40m]).Text);
        Assert.Equal("The Galaxy Earrings are under $40.", Check("The Galaxy Earrings are under $40.", budgets: [40m]).Text);
        // Not true of the shirt, and not its price either: repaired.
        Assert.Equal("The Ocean Blue Shirt is under $50.00.", Check("The Ocean Blue Shirt is under $40.", budgets: [40m]).Text);
        Assert.Equal("", Check("Here are a few gifts under $40.").Text);
    }

    [Theory]
    [InlineData("Use SAVE10 at checkout for a treat.")]
    [InlineData("Use code WELCOME for 10% off.")]
    [InlineData("Enter coupon summer-sale at checkout.")]
    [InlineData("Apply FREESHIP when you pay.")]
    public void A_code_that_is_not_active_drops_its_sentence(string reply) =>
        Assert.Equal("", Check(reply).Text);

    [Theory]
    [InlineData("Everything is 20% off this weekend! Have a look.", "Have a look.")]
    [InlineData("Try the “Galaxy Hoodie”, it is new. It has a “relaxed” fit.", "It has a “relaxed” fit.")]
    [InlineData("**Sunset Sneakers** are my pick. Happy shopping!", "Happy shopping!")]
    public void Invented_promotions_and_marked_names_drop_their_sentence(string reply, string expected) =>
        Assert.Equal(expected, Check(reply).Text);

    [Fact]
    public void A_real_percentage_passes_only_when_it_is_a_discount_or_the_products_markdown()
    {
        Assert.Equal("Everything is 15% off with code SPRING15.", Check("Everything is 15% off with code SPRING15.").Text);
        Assert.Equal("", Check("Everything is 15% off this week.", mayPromote: false).Text);
        Assert.Equal("It is 100% cotton.", Check("It is 100% cotton.").Text);
    }

    [Fact]
    public void An_active_code_passes_only_when_promotions_are_allowed()
    {
        Assert.Equal("Use code SPRING15 for 15% off everything.", Check("Use code SPRING15 for 15% off everything.").Text);
        Assert.Equal("", Check("Use code SPRING15 for 15% off everything.", mayPromote: false).Text);
    }

    [Theory]
    [InlineData("Hi there! Happy to help you find something. What colour do you like?")]
    [InlineData("Welcome to Test Boutique! The Ocean Blue Shirt and the Galaxy Earrings are my favourites.")]
    [InlineData("The 7 Shakra Bracelet comes in Blue, and the Black one is SOLD OUT.")]
    [InlineData("Sorry, the Pink Armchair is sold out. Tell me your budget and I will find an alternative.")]
    [InlineData("The Ocean Blu Shirt is $50.00, and the Galaxy Earrings are $37.99.")]
    [InlineData("I'm Sam, your shopping assistant. Reply with a size (S, M, L or XL) and I'll check.")]
    public void A_truthful_reply_passes_unchanged(string reply)
    {
        var result = Check(reply);
        Assert.Equal(reply, result.Text);
        Assert.Empty(result.Corrections);
    }

    [Fact]
    public void Plain_text_names_bring_their_products_along_for_cards()
    {
        var result = Check("The Ocean Blue Shirt and Galaxy Earrings make a lovely pair.");

        Assert.Equal(["Ocean Blue Shirt", "Galaxy Earrings"], result.Mentioned.Select(m => m.Product.Title));
    }

    [SampleCatalogFact]
    public void Every_sample_product_can_be_named_with_its_price_and_was_price()
    {
        var catalog = Sample.Value;
        foreach (var item in catalog.Products)
        {
            var variant = item.AvailableVariants.FirstOrDefault() ?? item.Product.Variants.Nodes[0];
            var reply = $"The {item.Product.Title} is {catalog.Money.Format(variant.Price)}"
                + (variant.CompareAtPrice is { } was && was > variant.Price ? $", down from {catalog.Money.Format(was)}." : ".");
            var result = Check(reply, catalog);
            Assert.True(reply == result.Text, $"{reply} → {result.Text} ({string.Join("; ", result.Corrections)})");
            Assert.Contains(item, result.Mentioned);
        }
    }

    [SampleCatalogFact]
    public void Every_sample_product_offered_in_lowercase_passes_and_an_invented_one_next_to_it_does_not()
    {
        var catalog = Sample.Value;
        foreach (var item in catalog.Products)
        {
            var variant = item.AvailableVariants.FirstOrDefault() ?? item.Product.Variants.Nodes[0];
            var truth = $"We have the {item.Product.Title.ToLowerInvariant()} at {catalog.Money.Format(variant.Price)}.";
            var result = Check(truth + " Try our cozy alpine parka too!", catalog);
            Assert.True(truth == result.Text, $"{truth} → {result.Text} ({string.Join("; ", result.Corrections)})");
        }
    }

    [SampleCatalogTheory]
    [InlineData("We have lovely Gold Necklaces and Silver Earrings. The Boho Earrings are $27.99 (you save $8).")]
    [InlineData("Welcome to Demo Store! Our Bracelet range starts at $39.99.")]
    [InlineData("Spend $75 and get $10 off with code TAKE10. The Yellow Sofa is $99.99, was $150.")]
    [InlineData("For the garden, the Wooden Outdoor Table ($99.99) and the Yellow watering can ($40.99) are favourites.")]
    [InlineData("The Anchor Bracelet Mens is $69.99 in Gold; the Silver one is sold out.")]
    [InlineData("The Choker with Gold Pendant is $29.99. It pairs well with the Dainty Gold Necklace.")]
    [InlineData("The Pretty Gold Necklace is 30% off: $44.95 instead of $63.99.")]
    [InlineData("The Silver Threader Necklace is made of 100% sterling silver.")]
    [InlineData("We have great Gifts for Men and Women, from Home and Garden to Gold Jewelry.")]
    [InlineData("Our LED High Tops are $80 and the Clay Plant Pot comes in Regular ($9.99) or Large ($15.99).")]
    public void A_truthful_reply_about_the_sample_catalog_passes_unchanged(string reply)
    {
        var result = Check(reply, Sample.Value);
        Assert.True(reply == result.Text, $"{reply} → {result.Text} ({string.Join("; ", result.Corrections)})");
    }

    [SampleCatalogTheory]
    [InlineData("The Galaxy Sofa is perfect for your living room.", "unknown product")]
    [InlineData("Try the Velvet Leather Jacket, it is warm.", "unknown product")]
    [InlineData("The Turquoise Moon Earrings sparkle.", "unknown product")]
    [InlineData("Everything in jewelry is $5 off today.", "not in the catalog")]
    [InlineData("Use code OLD20 for 20% off.", "not active")]
    [InlineData("The Cream Sofa is 50% off today.", "not a discount")]
    [InlineData("The Grey Sofa is a steal at $299.", "repaired price")]
    public void A_hallucination_about_the_sample_catalog_is_caught(string reply, string correction)
    {
        var result = Check(reply, Sample.Value);
        Assert.NotEqual(reply, result.Text);
        Assert.Contains(result.Corrections, c => c.Contains(correction));
    }
}
