using Microsoft.Extensions.Logging.Abstractions;
using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
using SalesBot.Configuration;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// "Cheaper" and "similar" after a product was discussed, in catalog-only mode (fixed rules) and in LLM mode (the model
/// calls find_cheaper / find_similar): the same products by the same rules, read from the catalog, and an honest
/// "nothing cheaper" when there is none.
/// </summary>
public sealed class CheaperSimilarTests : IAsyncLifetime
{
    private readonly CatalogIndex _catalog = SaleCatalog.WithMoreJackets();
    private ScriptedOpenAiServer _server = null!;
    private LlmShopAssistant _llm = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedOpenAiServer.StartAsync();
        _llm = new LlmShopAssistant(AssistantExtensions.CreateChatClient(new OpenAiOptions { ApiKey = "k", BaseUrl = _server.BaseUrl + "/v1", Model = "scripted" }),
            NullLogger<LlmShopAssistant>.Instance);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private (AssistantReply Reply, ConversationMemory Memory) CatalogOnly(string text, ConversationMemory memory) =>
        CatalogOnlyAssistant.Reply(new AssistantRequest(_catalog, text, null, [], MayPromote: false), memory);

    private ConversationMemory Discussing(string title) => ConversationMemory.Empty.Show([SaleCatalog.Product(_catalog, title).Product.Id]);

    /// <summary>Expected from the catalog itself: buyable jackets priced below the given one, cheapest first.</summary>
    private IReadOnlyList<string> JacketsCheaperThan(IndexedProduct jacket) => _catalog.Products
        .Where(p => p != jacket && p.InStock && p.Product.ProductType == jacket.Product.ProductType)
        .Select(p => (p.Product.Id, Price: p.AvailableVariants.Min(v => v.Price)))
        .Where(x => x.Price < Alternatives.PriceOf(jacket)).OrderBy(x => x.Price).Select(x => x.Id).ToList();

    [Fact]
    public void Catalog_only_cheaper_shows_cheaper_jackets_cheapest_first_and_they_become_the_products_shown()
    {
        var trail = SaleCatalog.Product(_catalog, SaleCatalog.JacketTitle);
        var expected = JacketsCheaperThan(trail);
        Assert.NotEmpty(expected);

        var (reply, memory) = CatalogOnly("anything cheaper?", Discussing(SaleCatalog.JacketTitle));

        Assert.Equal(expected, reply.Cards.Select(c => c.ProductId));
        Assert.Contains(_catalog.Money.Format(Alternatives.PriceOf(trail)), reply.Text);
        Assert.Equal(expected, memory.Shown);
        Assert.DoesNotContain(reply.Cards, c => c.ProductId == SaleCatalog.Product(_catalog, SaleCatalog.HatTitle).Product.Id);
    }

    [Fact]
    public void Catalog_only_says_nothing_cheaper_honestly_for_the_cheapest_of_its_kind()
    {
        var cheapest = _catalog.Products.Where(p => p.Product.ProductType == "Jacket" && p.InStock).MinBy(Alternatives.PriceOf)!;
        Assert.Empty(JacketsCheaperThan(cheapest));

        var (reply, _) = CatalogOnly("something cheaper", Discussing(cheapest.Product.Title));

        Assert.StartsWith($"Nothing cheaper than {cheapest.Product.Title}", reply.Text);
        Assert.Equal(cheapest.Product.Id, Assert.Single(reply.Cards).ProductId);
    }

    [Fact]
    public void Catalog_only_similar_excludes_the_product_and_keeps_to_its_kind()
    {
        var trail = SaleCatalog.Product(_catalog, SaleCatalog.JacketTitle);

        var (reply, _) = CatalogOnly("show me something similar", Discussing(SaleCatalog.JacketTitle));

        Assert.NotEmpty(reply.Cards);
        Assert.DoesNotContain(reply.Cards, c => c.ProductId == trail.Product.Id);
        Assert.All(reply.Cards, c => Assert.True(_catalog.FindById(c.ProductId)!.Product.ProductType == trail.Product.ProductType
            || _catalog.FindById(c.ProductId)!.Product.Tags.Intersect(trail.Product.Tags).Any()));
    }

    [Fact]
    public void Cheaper_with_other_product_words_is_a_new_search_not_a_follow_up()
    {
        var (reply, _) = CatalogOnly("cheaper earrings", Discussing(SaleCatalog.JacketTitle));
        Assert.Contains(reply.Cards, c => c.Title == "Galaxy Earrings");
    }

    [Fact]
    public async Task Llm_find_cheaper_gives_the_same_products_and_the_cards_become_the_products_shown()
    {
        var trail = SaleCatalog.Product(_catalog, SaleCatalog.JacketTitle);
        var expected = JacketsCheaperThan(trail);
        var packable = _catalog.FindById(expected[0])!;
        _server.ThenToolCall("find_cheaper", new { handle = trail.Product.Handle })
               .ThenText($"The [[{packable.Product.Handle}]] is a lighter option.");

        var (reply, memory) = await _llm.ReplyAsync(new AssistantRequest(_catalog, "anything cheaper?", null, [], false), Discussing(SaleCatalog.JacketTitle), default);

        var tool = System.Text.Json.Nodes.JsonNode.Parse(_server.Requests.Last()["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString())!;
        Assert.Equal(expected.Select(id => _catalog.FindById(id)!.Product.Handle), tool["products"]!.AsArray().Select(p => p!["handle"]!.GetValue<string>()));
        Assert.Equal(packable.Product.Id, Assert.Single(reply.Cards).ProductId);
        Assert.Equal([packable.Product.Id], memory.Shown);
    }

    [Fact]
    public async Task Llm_find_cheaper_for_the_cheapest_says_there_is_nothing()
    {
        var cheapest = _catalog.Products.Where(p => p.Product.ProductType == "Jacket" && p.InStock).MinBy(Alternatives.PriceOf)!;
        _server.ThenToolCall("find_cheaper", new { handle = cheapest.Product.Handle }).ThenText("That is already our lowest price for a jacket.");

        await _llm.ReplyAsync(new AssistantRequest(_catalog, "cheaper?", null, [], false), Discussing(cheapest.Product.Title), default);

        var tool = System.Text.Json.Nodes.JsonNode.Parse(_server.Requests.Last()["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString())!;
        Assert.Empty(tool["products"]!.AsArray());
        Assert.Contains("Nothing cheaper", tool["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cart_link_or_any_invented_address_the_model_writes_is_dropped()
    {
        var hat = SaleCatalog.Product(_catalog, SaleCatalog.HatTitle);
        var link = CheckoutLink.Build(_catalog, [(hat.Product.Variants.Nodes[0].Id, 1)], null);
        _server.ThenText($"Pay here: {link} Or here: www.invented.example/pay now. The [[wool-hat]] is warm.");

        var (reply, _) = await _llm.ReplyAsync(new AssistantRequest(_catalog, "hat please", null, [], false), ConversationMemory.Empty, default);

        Assert.Equal("The Wool Hat is warm.", reply.Text);
        Assert.Null(reply.CheckoutUrl);
    }
}
