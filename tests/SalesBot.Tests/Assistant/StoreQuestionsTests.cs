using System.Globalization;
using SalesBot.Assistant;
using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// Catalog-only conversations about the store: answers drawn from the shop's policies with their links, nothing the
/// policy does not state (a country, a cost), an honest pointer for order status, and goodbyes that close.
/// </summary>
public sealed class StoreQuestionsTests
{
    private const string Storefront = "policies.example";

    private static CatalogIndex Shop(IReadOnlyList<ShopPolicy> policies) => new(CatalogBuilder.Catalog(
        CatalogBuilder.DollarShop("policies.myshopify.com", "Policy Boutique", Storefront, policies),
        [CatalogBuilder.Product("gid://shopify/Product/1", "Canvas Tote", "canvas-tote",
            [CatalogBuilder.Variant("gid://shopify/ProductVariant/1", "Default Title", 25m, [new SelectedOption("Title", "Default Title")])],
            productType: "Bag", onlineStoreUrl: $"https://{Storefront}/products/canvas-tote")]));

    private static readonly CatalogIndex Catalog = Shop(TestPolicies.For(Storefront));

    private static Task<AssistantReply> AskAsync(CatalogIndex catalog, string text) =>
        Task.FromResult(CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, text, null, [], MayPromote: true)));

    private static string UrlOf(string type) => Catalog.Shop.ShopPolicies!.Single(p => p.Type == type).Url;

    [Theory]
    [InlineData("what's your return policy?")]
    [InlineData("Can I get a refund?")]
    [InlineData("how do returns work")]
    public async Task A_refund_question_quotes_the_refund_policy_and_links_it(string question)
    {
        var reply = await AskAsync(Catalog, question);

        Assert.Contains(TestPolicies.RefundSentence, reply.Text);
        Assert.Contains(UrlOf("REFUND_POLICY"), reply.Text);
        Assert.DoesNotContain("<", reply.Text);
        Assert.Empty(reply.Cards);
    }

    [Fact]
    public async Task Html_entities_and_tags_are_stripped_from_the_quote()
    {
        var sentences = PolicyAnswers.Sentences(Catalog.Shop.ShopPolicies!.Single(p => p.Type == "REFUND_POLICY").Body);

        Assert.Contains("Returns", sentences);
        Assert.Contains(sentences, s => s.Contains("payment method & take", StringComparison.Ordinal));
        Assert.All(sentences, s => Assert.DoesNotContain("<", s));
    }

    [Theory]
    [InlineData("do you ship to Canada?", "Canada")]
    [InlineData("Do you deliver to New Zealand", "New Zealand")]
    public async Task Shipping_to_a_country_the_policy_does_not_name_is_not_promised(string question, string country)
    {
        var reply = await AskAsync(Catalog, question);

        Assert.Contains(UrlOf("SHIPPING_POLICY"), reply.Text);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, StorePhrases.For("en").CannotConfirmPlace, "shipping policy", country), reply.Text);
        // Nothing from the policy is offered as if it answered: no "we ship", no cost, no time.
        Assert.DoesNotContain("We currently ship", reply.Text);
        Assert.DoesNotContain("$", reply.Text);
        Assert.DoesNotContain("days", reply.Text);
        Assert.Contains("Talk to a person", reply.Text);
        Assert.Empty(reply.Cards);
    }

    [Theory]
    [InlineData("do you ship to Japan?")]
    [InlineData("can you ship to the USA")]
    public async Task Shipping_to_a_country_the_policy_names_quotes_that_sentence(string question)
    {
        var reply = await AskAsync(Catalog, question);

        Assert.Contains(TestPolicies.ShippingCountriesSentence, reply.Text);
        Assert.Contains(UrlOf("SHIPPING_POLICY"), reply.Text);
    }

    [Fact]
    public async Task A_shipping_cost_is_said_only_as_the_policy_states_it()
    {
        var stated = await AskAsync(Catalog, "how much is shipping?");
        var silent = await AskAsync(Shop([TestPolicies.Policy("SHIPPING_POLICY", "Shipping policy", Storefront, "shipping-policy",
            "<p>We ship to the United States.</p><p>Orders are packed with care.</p>")]), "how much does shipping cost?");

        Assert.Contains(TestPolicies.ShippingCostSentence, stated.Text);
        Assert.Contains(string.Format(CultureInfo.InvariantCulture, StorePhrases.For("en").CannotConfirmDetail, "shipping policy"), silent.Text);
        Assert.DoesNotContain("$", silent.Text);
        Assert.Contains($"https://{Storefront}/policies/shipping-policy", silent.Text);
    }

    [Theory]
    [InlineData("where is my order #1001?")]
    [InlineData("has my order shipped yet")]
    [InlineData("can I track my package")]
    public async Task Order_status_gets_a_pointer_and_never_a_status(string question)
    {
        var reply = await AskAsync(Catalog, question);

        Assert.Contains($"https://{Storefront}/account", reply.Text);
        Assert.Contains("Talk to a person", reply.Text);
        foreach (var invented in new[] { "has shipped", "was shipped", "is on its way", "delivered on", "is being processed", "out for delivery", "#1001 is" })
            Assert.DoesNotContain(invented, reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(reply.Cards);
    }

    [Fact]
    public async Task A_policy_the_shop_does_not_have_is_not_guessed()
    {
        var reply = await AskAsync(Catalog, "what is your privacy policy?");

        Assert.Equal(StorePhrases.For("en").NoPolicy, reply.Text);
        Assert.DoesNotContain("http", reply.Text);
    }

    [Fact]
    public async Task Contact_and_terms_come_from_their_policies()
    {
        var contact = await AskAsync(Catalog, "how can I contact you?");
        var terms = await AskAsync(Catalog, "terms and conditions?");

        Assert.Contains("help@boutique.example", contact.Text);
        Assert.Contains(UrlOf("CONTACT_INFORMATION"), contact.Text);
        Assert.Contains("By using this store you agree to these terms.", terms.Text);
        Assert.Contains(UrlOf("TERMS_OF_SERVICE"), terms.Text);
    }

    [Theory]
    [InlineData("bye")]
    [InlineData("that's all")]
    [InlineData("thanks, that's it")]
    [InlineData("no thanks, bye!")]
    public async Task Closings_close_instead_of_greeting_again(string goodbye)
    {
        var reply = await AskAsync(Catalog, goodbye);

        Assert.Equal(string.Format(CultureInfo.InvariantCulture, StorePhrases.For("en").Closing, "Policy Boutique"), reply.Text);
        Assert.Empty(reply.Cards);
    }

    [Theory]
    [InlineData("that's all the bags you have?")]
    [InlineData("no thanks, show me a tote")]
    public async Task A_closing_word_inside_a_request_is_still_a_search(string question)
    {
        var reply = await AskAsync(Catalog, question);

        Assert.Contains(reply.Cards, c => c.Title == "Canvas Tote");
    }

    [Fact]
    public async Task A_product_question_is_still_a_search()
    {
        var reply = await AskAsync(Catalog, "do you have a tote?");

        Assert.Equal("Canvas Tote", Assert.Single(reply.Cards).Title);
    }
}

/// <summary>LLM mode: the fact check keeps the model to what the shop's policies say about shipping and orders.</summary>
public sealed class StoreClaimsTests
{
    private static readonly CatalogIndex Boutique = new(TestCatalog.Create());

    private static FactCheckResult Check(string text) =>
        FactChecker.Check(text, Boutique, new TurnFacts([], new HashSet<decimal>(), []));

    [Theory]
    [InlineData("Yes, we ship to Canada!")]
    [InlineData("Delivery takes 3 business days.")]
    [InlineData("Express delivery takes 1 day.")]
    [InlineData("Shipping costs $4.99.")]
    [InlineData("Your order #1001 has shipped and will arrive tomorrow.")]
    [InlineData("Good news, your package is on its way.")]
    public void A_shipping_or_order_claim_the_policy_does_not_state_is_dropped(string claim)
    {
        var result = Check("Happy to help. " + claim);

        Assert.Equal("Happy to help.", result.Text);
        Assert.Single(result.Corrections);
    }

    [Theory]
    [InlineData(TestPolicies.ShippingCountriesSentence)]
    [InlineData(TestPolicies.ShippingCostSentence)]
    [InlineData("Orders leave our warehouse within 2 business days.")]
    [InlineData("Yes, we ship to Japan.")]
    public void What_the_shipping_policy_says_passes(string claim)
    {
        var result = Check(claim);

        Assert.Equal(claim, result.Text);
        Assert.Empty(result.Corrections);
    }

    [Fact]
    public void The_policy_tool_gives_the_text_and_link_and_no_order_status()
    {
        var tools = new CatalogTools(Boutique, mayPromote: false, []);

        var shipping = System.Text.Json.JsonSerializer.Serialize(tools.GetStorePolicy("shipping"));
        var order = System.Text.Json.JsonSerializer.Serialize(tools.GetStorePolicy("order_status"));

        Assert.Contains("https://boutique.example/policies/shipping-policy", shipping);
        Assert.Contains("We currently ship to the United States", shipping);
        Assert.Contains("https://boutique.example/account", order);
        Assert.Contains("error", System.Text.Json.JsonSerializer.Serialize(tools.GetStorePolicy("weather")));
    }
}
