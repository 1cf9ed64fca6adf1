using SalesBot.Assistant;
using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// Spanish, French and German shoppers in an English catalog: their words are read in English only where the catalog
/// does not name things with them, function words go, and English queries are left exactly as they are.
/// </summary>
public sealed class ShopperGlossaryTests
{
    private static readonly (string Title, string Type, string[] Tags, string Description)[] Jewelry =
    [
        ("Dainty Gold Necklace", "Necklace", ["gold"], "A fine chain that sits at the collar bone."),
        ("Gold Bar Necklace", "Necklace", ["gold", "minimal"], "A slim bar on a chain."),
        ("Silver Locket Necklace", "Necklace", ["silver"], "A locket for a photo."),
        ("Gold Hoop Earrings", "Earrings", ["gold"], "Light hoops."),
        ("Oxford Shirt", "Shirt", ["cotton"], "A button-down collar and a chest pocket."),
        ("Brown Leather Jacket", "Jacket", ["leather"], "Soft lambskin."),
        ("Blue Linen Shirt", "Shirt", ["linen", "blue"], "Cool in summer."),
    ];

    private static readonly (string Title, string Type, string[] Tags, string Description)[] PetShop =
    [
        ("Gold Dog Collar", "Collar", ["dog", "gold"], "A buckled collar in gold nylon."),
        ("Red Cat Collar", "Collar", ["cat"], "With a bell."),
        ("Rope Leash", "Leash", ["dog"], "Strong rope."),
    ];

    private static CatalogIndex Catalog((string Title, string Type, string[] Tags, string Description)[] products) =>
        new(CatalogBuilder.Catalog(CatalogBuilder.DollarShop("words.myshopify.com", "Words", "words.example"),
            products.Select((p, i) => CatalogBuilder.Product($"gid://shopify/Product/{i}", p.Title, $"p-{i}",
                [CatalogBuilder.Variant($"gid://shopify/ProductVariant/{i}", "Default Title", 30m + i, [new SelectedOption("Title", "Default Title")])],
                description: p.Description, productType: p.Type, tags: p.Tags, onlineStoreUrl: $"https://words.example/products/p-{i}")).ToList()));

    private static IReadOnlyList<string> Titles(CatalogIndex catalog, string text) =>
        catalog.Search(new ProductQuery(text), 10).Select(m => m.Item.Product.Title).ToList();

    /// <summary>The titles of the products whose type is <paramref name="type"/> and that carry <paramref name="tag"/>.</summary>
    private static IEnumerable<string> Having((string Title, string Type, string[] Tags, string Description)[] products, string type, string tag) =>
        products.Where(p => p.Type == type && p.Tags.Contains(tag)).Select(p => p.Title);

    [Fact]
    public void Collar_de_oro_finds_the_gold_necklaces_of_a_catalog_that_sells_no_collars()
    {
        var catalog = Catalog(Jewelry);
        var goldNecklaces = Having(Jewelry, "Necklace", "gold").Order().ToList();

        var found = Titles(catalog, "collar de oro");

        // A shirt's described collar is no collar the shop sells: the gold necklaces come first, and no shirt is shown.
        Assert.Equal(goldNecklaces, found.Take(goldNecklaces.Count).Order().ToList());
        Assert.DoesNotContain(found, t => Jewelry.Single(p => p.Title == t).Type == "Shirt");
    }

    [Fact]
    public void A_catalog_that_sells_collars_keeps_the_word_collar()
    {
        var catalog = Catalog(PetShop);

        var read = catalog.InCatalogWords(new ProductQuery("collar de oro")).Text;
        var found = Titles(catalog, "collar de oro");

        Assert.Contains("collar", Tokenizer.Words(read));
        Assert.DoesNotContain("necklace", Tokenizer.Words(read));
        Assert.Equal(Having(PetShop, "Collar", "gold").Single(), found[0]);
    }

    [Theory]
    [InlineData("gold necklace")]
    [InlineData("red wine")]
    [InlineData("a robe for the bath")]
    [InlineData("shorts or a rock poster")]
    [InlineData("do you have a collar")]
    public void An_english_query_is_left_as_it_is(string text)
    {
        var query = new ProductQuery(text);

        Assert.Same(query, Catalog(Jewelry).InCatalogWords(query));
    }

    [Theory]
    [InlineData("pendientes de plata", "Earrings", "silver")]
    [InlineData("Lederjacke", "Jacket", "leather")]
    [InlineData("une chemise bleue", "Shirt", "blue")]
    [InlineData("eine Kette aus Gold", "Necklace", "gold")]
    public void Shoppers_words_in_other_languages_find_the_products_they_name(string text, string type, string tag)
    {
        var catalog = Catalog(Jewelry.Append(("Silver Stud Earrings", "Earrings", ["silver"], "Tiny studs.")).ToArray());
        var expected = Having([.. Jewelry, ("Silver Stud Earrings", "Earrings", ["silver"], "Tiny studs.")], type, tag).ToList();

        var found = Titles(catalog, text);

        Assert.NotEmpty(expected);
        Assert.Contains(found[0], expected);
    }

    [Fact]
    public void Function_words_are_dropped_and_the_words_the_glossary_lacks_stay()
    {
        var read = Catalog(Jewelry).InCatalogWords(new ProductQuery("une chemise bleue avec des poches")).Text;

        // This text is also what the sentence model reads.
        Assert.Equal(["shirt", "blue", "poches"], Tokenizer.Words(read));
    }

    [Fact]
    public void Function_words_alone_stay_so_the_answer_is_not_found()
    {
        var catalog = Catalog(Jewelry);
        var query = new ProductQuery("de la");

        Assert.Same(query, catalog.InCatalogWords(query));
        Assert.Empty(catalog.Search(query, 5));
    }

    [Theory]
    [InlineData("cinturón de cuero", "cinturon de cuero")]
    [InlineData("sac à dos", "sac a dos")]
    [InlineData("weiße Bluse", "weisse bluse")]
    public void Accents_and_sharp_s_read_as_shoppers_who_leave_them_out(string accented, string plain)
    {
        var catalog = Catalog(Jewelry);

        var read = catalog.InCatalogWords(new ProductQuery(accented)).Text;

        Assert.NotEqual(accented, read);
        Assert.Equal(catalog.InCatalogWords(new ProductQuery(plain)).Text, read);
    }

    [Theory]
    [InlineData("ein warmer Mantel", "coat")]
    [InlineData("mantel de lino", "tablecloth")]
    public void A_word_of_two_languages_is_read_in_the_language_of_the_other_words(string text, string english)
    {
        var read = Catalog(Jewelry).InCatalogWords(new ProductQuery(text)).Text;

        Assert.Contains(english, Tokenizer.Words(read));
    }

    [Fact]
    public void The_glossary_loads_each_language_without_a_duplicate_form()
    {
        var forms = ShopperGlossary.WrittenForms;

        foreach (var language in new[] { "es", "fr", "de" })
        {
            var ofLanguage = forms.Where(f => f.Language == language).ToList();
            Assert.True(ofLanguage.Count > 200, $"{language}: {ofLanguage.Count} forms");
            var duplicates = ofLanguage.GroupBy(f => f.Form).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(duplicates.Count == 0, $"{language} repeats: {string.Join(", ", duplicates)}");
        }
        Assert.All(forms, f => Assert.False(string.IsNullOrWhiteSpace(f.English)));
    }

    [Fact]
    public void A_foreign_audience_word_chooses_the_audience()
    {
        Assert.Equal(Audience.Women, ShopperMessage.ReadQuery("chaqueta para mujer").Audience);
        Assert.Equal(Audience.Men, ShopperMessage.ReadQuery("un cadeau pour mon mari").Audience);
        Assert.Equal(Audience.Kids, ShopperMessage.ReadQuery("Spielzeug für Kinder").Audience);
    }
}
