using Microsoft.Extensions.Logging.Abstractions;
using SalesBot.Assistant;
using SalesBot.Configuration;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The fact check on the LLM path, against the sample catalogs and the scripted OpenAI-compatible
/// server: a truthful answer reaches the shopper word for word, a hallucinated one does not.
/// </summary>
public sealed class LlmFactCheckTests : IAsyncLifetime
{
    private CatalogIndex _catalog = null!;
    private ScriptedOpenAiServer _server = null!;
    private LlmShopAssistant _assistant = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedOpenAiServer.StartAsync();
        _assistant = _server.CreateAssistant();
        if (SampleCatalog.SkipReason is null) _catalog = new CatalogIndex(SampleCatalog.Load());
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<AssistantReply> AskAsync(string text) =>
        _assistant.ReplyAsync(new AssistantRequest(_catalog, text, null, [], MayPromote: true), default);

    [SampleCatalogFact]
    public async Task A_truthful_answer_passes_word_for_word_with_cards_from_the_catalog()
    {
        _server.ThenToolCall("search_products", new { query = "gold necklace", maxPrice = 50 })
               .ThenText("Under $50, the [[choker-with-gold-pendant]] at $29.99 and the Pretty Gold Necklace at $44.95 (was $63.99) are lovely. Both are in stock!");

        var reply = await AskAsync("a gold necklace under $50?");

        Assert.Equal("Under $50, the Choker with Gold Pendant at $29.99 and the Pretty Gold Necklace at $44.95 (was $63.99) are lovely. Both are in stock!", reply.Text);
        Assert.Equal([("Choker with Gold Pendant", "$29.99"), ("Pretty Gold Necklace", "$44.95")], reply.Cards.Select(c => (c.Title, c.Price!)));
    }

    [SampleCatalogFact]
    public async Task Invented_products_prices_and_codes_in_plain_text_are_removed()
    {
        _server.ThenToolCall("search_products", new { query = "gold necklace" })
               .ThenText("The Pretty Gold Necklace is only $39.99! We also have the Gold Moon Anklet for $15. Everything gold is $12 off this week. Use GOLD25 at checkout. Happy shopping!");

        var reply = await AskAsync("gold necklace");

        Assert.Equal("The Pretty Gold Necklace is only $44.95! Happy shopping!", reply.Text);
        Assert.Equal(("Pretty Gold Necklace", "$44.95"), (Assert.Single(reply.Cards).Title, reply.Cards[0].Price!));
    }

    [SampleCatalogFact]
    public async Task Merchandise_the_catalog_never_names_is_removed_in_any_case_and_a_real_lowercase_name_stays()
    {
        _server.ThenToolCall("search_products", new { query = "gold necklace" })
               .ThenText("The pretty gold necklace is $44.95. We also sell matching gold watches and leather wallets. "
                   + "You asked for a beanie: we don't have one. The Zephyr Anklet Watch is a customer favourite.");

        var reply = await AskAsync("gold necklace or a beanie");

        Assert.Equal("The pretty gold necklace is $44.95. You asked for a beanie: we don't have one.", reply.Text);
        Assert.Equal(("Pretty Gold Necklace", "$44.95"), (Assert.Single(reply.Cards).Title, reply.Cards[0].Price!));
    }
}
