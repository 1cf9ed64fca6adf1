using System.Net;
using System.Text.RegularExpressions;
using SalesBot.Assistant;
using SalesBot.Sandbox.Shopify;
using SalesBot.Sandbox.Shopify.Catalog;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.MerchantConsole;

/// <summary>
/// The console's catalog over real HTTP against the installed sample store: the page shows what the bot's own search and
/// answer give for the same words, the filters hide sold-out products and reveal withheld ones with their reason, and a
/// merchant sees only their own shop's catalog.
/// </summary>
public sealed partial class CatalogConsoleTests : IAsyncLifetime
{
    private const string Shop = "demo-store.myshopify.com";
    private const string OtherShop = "other-shop.myshopify.com";
    private const string OtherShopsProduct = "Unicorn Teapot";
    private ShopifySandboxServer _shopify = null!;
    private SalesBotApp _app = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _shopify = await ShopifySandboxServer.StartAsync(new ShopifySandboxOptions
        {
            Catalog = CatalogSource.Generated(new CatalogGeneratorSpec()),
            ThrottleBucketSize = 100_000,
            ThrottleRestoreRate = 100_000,
        });
        var other = _shopify.Sandbox.GetStore(OtherShop);
        var teapot = other.AddProduct(OtherShopsProduct);
        other.AddVariant(teapot, "Default Title", 30m, [], other.Locations.Select(l => (l, 5)));
        other.RefreshOptions(teapot);

        _app = SalesBotApp.Start(SalesBotApp.AgainstSandbox(_shopify.ApiOrigin));
        _browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(_browser, "demo-store")).Status);
        Assert.Equal(HttpStatusCode.OK, (await InstallFlow.InstallAsync(_browser, "other-shop")).Status);
        (await SignInFlow.SignInAsync(_browser, "demo-store")).Dispose();
        // The page and the bot's code must rank against the same index: the product vectors attach in the background
        // after the catalog loads, and a ranking read before them differs from one read after (a flaky CI run).
        Assert.NotNull(await _app.Get<CatalogProvider>().GetAsync(Shop, default));
        await _app.Get<SalesBot.Assistant.Semantic.SemanticSearch>().WhenReadyAsync(Shop);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
        await _shopify.DisposeAsync();
    }

    [Theory]
    [InlineData("shirt")]
    [InlineData("lamp under $100")]
    [InlineData("blue candle")]
    [InlineData("")]
    public async Task The_page_shows_the_bots_own_answer_and_ranking_for_the_same_words(string words)
    {
        var page = await _browser.GetStringAsync("/console/catalog?q=" + Uri.EscapeDataString(words));
        var catalog = (await _app.Get<CatalogProvider>().GetAsync(Shop, default))!;

        // The answer a shopper gets is the bot's, built by the bot's own code for that message.
        var bot = CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, words, null, [], MayPromote: true));
        Assert.NotEmpty(bot.Cards);
        Assert.Equal(bot.Cards.Select(c => c.ProductId), ReplyCards(page));
        Assert.Equal(bot.Text, ConsoleHtml.TextOf(page, "reply-text"));

        // Every match, in the order of the Assistant's search service.
        var search = (await _app.Get<CatalogSearch>().SearchAsync(Shop, new CatalogSearchRequest(words), default))!;
        Assert.NotEmpty(search.Hits);
        Assert.Equal(search.Hits.Select(h => h.Card.ProductId), Hits(page));
        Assert.Equal(search.Hits.Select(h => h.Card.Subtitle), HitSubtitles(page));
    }

    [Fact]
    public async Task In_stock_only_hides_the_sold_out_products_of_the_sample_catalog()
    {
        var catalog = (await _app.Get<CatalogProvider>().GetAsync(Shop, default))!;
        var soldOut = catalog.Products.Where(p => !p.InStock).Select(p => p.Product.Id).ToList();
        Assert.NotEmpty(soldOut);

        var everything = await AllHitsAsync("/console/catalog");
        Assert.Equal(catalog.Products.Select(p => p.Product.Id).Order(), everything.Keys.Where(id => catalog.FindById(id) is not null).Order());
        Assert.All(soldOut, id => Assert.Contains("Sold out: the bot shows it only when asked for", everything[id]));

        var inStock = await AllHitsAsync("/console/catalog?instock=1");
        Assert.Empty(inStock.Keys.Intersect(soldOut));
        Assert.Equal(catalog.Products.Count(p => p.InStock), inStock.Keys.Count(id => catalog.FindById(id) is not null));
    }

    [Fact]
    public async Task The_status_filter_shows_what_the_bot_withholds_with_the_reason()
    {
        var catalog = (await _app.Get<CatalogProvider>().GetAsync(Shop, default))!;
        var withheld = catalog.Withheld!.Products.Select(p => p.Product).ToList();
        var drafts = withheld.Where(p => p.Status == "DRAFT").ToList();
        Assert.NotEmpty(drafts);

        var draftHits = await AllHitsAsync("/console/catalog?status=draft");
        Assert.Equal(drafts.Select(p => p.Id).Order(), draftHits.Keys.Order());
        Assert.All(draftHits.Values, card => Assert.Contains("Draft: the bot offers only active products.", card));
        Assert.All(draftHits.Values, card => Assert.DoesNotContain(">Buy<", card));

        var archived = await AllHitsAsync("/console/catalog?status=archived");
        Assert.Equal(withheld.Where(p => p.Status == "ARCHIVED").Select(p => p.Id).Order(), archived.Keys.Order());
        Assert.NotEmpty(archived);

        // Active, but not published on the Online Store: listed under Active, marked as not offered.
        var active = await AllHitsAsync("/console/catalog");
        var unpublished = Assert.Single(withheld, p => p.Status == "ACTIVE");
        Assert.Contains("Not published on the Online Store", active[unpublished.Id]);
        Assert.Empty(active.Keys.Intersect(drafts.Select(d => d.Id)));

        // Searching for a draft by its own title finds it, marked, while the shopper's answer leaves it out.
        var draft = drafts[0];
        var page = await _browser.GetStringAsync("/console/catalog?status=all&q=" + Uri.EscapeDataString(draft.Title));
        Assert.Contains(draft.Id, Hits(page));
        Assert.DoesNotContain(draft.Id, ReplyCards(page));
        Assert.Equal((await AllHitsAsync("/console/catalog?status=all")).Count, catalog.Products.Count + withheld.Count);

        // Words the catalog knows choose among withheld products too: none shows up for its price alone.
        var priced = await AllHitsAsync("/console/catalog?status=all&q=" + Uri.EscapeDataString("shirt under $150"));
        var withheldShown = withheld.Where(p => priced.ContainsKey(p.Id)).ToList();
        Assert.All(withheldShown, p => Assert.Contains("shirt", $"{p.Title} {string.Join(' ', p.Tags)} {p.ProductType} {p.Description}", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(withheld, p => p.Variants.Nodes.Any(v => v.Price <= 150) && !priced.ContainsKey(p.Id));
    }

    [Fact]
    public async Task Another_shops_catalog_is_never_shown()
    {
        var page = await _browser.GetStringAsync("/console/catalog?status=all&q=" + Uri.EscapeDataString(OtherShopsProduct));
        Assert.DoesNotContain(OtherShopsProduct, Titles(page));
        Assert.NotEmpty(Titles(page));
        // ?shop= is not a thing the page reads.
        Assert.DoesNotContain(OtherShopsProduct, Titles(await _browser.GetStringAsync("/console/catalog?shop=other-shop.myshopify.com&q=unicorn+teapot")));

        using var other = _app.Browser();
        (await SignInFlow.SignInAsync(other, "other-shop")).Dispose();
        var theirs = await other.GetStringAsync("/console/catalog?q=" + Uri.EscapeDataString(OtherShopsProduct));
        Assert.Contains(OtherShopsProduct, Titles(theirs));
    }

    /// <summary>Every hit over all result pages: product id → the card's HTML.</summary>
    private async Task<Dictionary<string, string>> AllHitsAsync(string url)
    {
        var hits = new Dictionary<string, string>();
        for (var n = 1; ; n++)
        {
            var page = await _browser.GetStringAsync(url + (url.Contains('?') ? "&" : "?") + "page=" + n);
            foreach (Match card in Card().Matches(Section(page, "catalog-results"))) hits.Add(WebUtility.HtmlDecode(card.Groups[1].Value), card.Value);
            if (!page.Contains("rel=\"next\"")) return hits;
        }
    }

    private static List<string> ReplyCards(string page) => Ids(Section(page, "shopper-reply", "catalog-results"));

    private static List<string> Hits(string page) => Ids(Section(page, "catalog-results"));

    private static List<string> HitSubtitles(string page) =>
        Subtitle().Matches(Section(page, "catalog-results")).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    /// <summary>The titles of every card on the page: the shopper's answer and the matches.</summary>
    private static List<string> Titles(string page) =>
        Title().Matches(Section(page, "shopper-reply")).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static List<string> Ids(string html) => Card().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static string Section(string page, string id, string? untilId = null)
    {
        var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No #{id} on the page:\n{page}");
        var end = untilId is null ? page.Length : page.IndexOf($"id=\"{untilId}\"", start, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }

    [GeneratedRegex("<article[^>]*data-product-id=\"([^\"]+)\".*?</article>", RegexOptions.Singleline)]
    private static partial Regex Card();

    [GeneratedRegex("<div class=\"card-title\">([^<]*)</div>")]
    private static partial Regex Title();

    [GeneratedRegex("<div class=\"card-sub\">([^<]*)</div>")]
    private static partial Regex Subtitle();
}
