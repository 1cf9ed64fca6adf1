using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SalesBot.Assistant;
using SalesBot.Configuration;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// A scripted model that lies quietly, one lie per turn, next to a true sentence: the lie never reaches the shopper,
/// the true product and price do, and a promise the store's policy makes is kept.
/// </summary>
public sealed class AdversarialFactCheckTests : IAsyncLifetime
{
    private const string Truth = "The Ocean Blue Shirt is $50.00.";
    private readonly CatalogIndex _catalog = new(TestCatalog.Create());
    private ScriptedOpenAiServer _server = null!;
    private LlmShopAssistant _assistant = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedOpenAiServer.StartAsync();
        _assistant = _server.CreateAssistant();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<AssistantReply> AskAsync(string text) =>
        _assistant.ReplyAsync(new AssistantRequest(_catalog, text, null, [], MayPromote: true), default);

    [Theory]
    [InlineData("Use code freebie for a treat.")]
    [InlineData("Enter promo code spring-fling at checkout.")]
    [InlineData("Everything is fifty percent off today.")]
    [InlineData("It is 25 percent off this week.")]
    [InlineData("The Galaxy Earrings are half price.")]
    [InlineData("Buy one get one free on all shirts.")]
    [InlineData("Grab a BOGO deal while it lasts.")]
    [InlineData("Shipping is free forever.")]
    [InlineData("It arrives tomorrow.")]
    [InlineData("You will get it in 2 days.")]
    [InlineData("Returns are free and easy.")]
    [InlineData("It comes with a lifetime warranty.")]
    [InlineData("Try our cozy alpine parka, only $50.00.")]
    [InlineData("The Zephyr Parka is a customer favourite.")]
    [InlineData("We also sell wool beanies and leather wallets.")]
    [InlineData("The ocean blue parka is back in stock.")]
    [InlineData("Check out our new leather wallets.")]
    [InlineData("We don't have parkas, but we do carry wool beanies.")]
    public async Task A_quiet_lie_is_dropped_and_the_true_sentence_stays(string lie)
    {
        _server.ThenText($"{Truth} {lie} Happy shopping!");

        var reply = await AskAsync("a shirt please");

        Assert.Equal($"{Truth} Happy shopping!", reply.Text);
        Assert.Equal(("Ocean Blue Shirt", "$50.00"), (Assert.Single(reply.Cards).Title, reply.Cards[0].Price!));
    }

    [Theory]
    [InlineData("The ocean blue shirt is $50.00, and the galaxy earrings are $37.99.")]
    [InlineData("You asked for a parka: we don't have one, but the Ocean Blue Shirt is $50.00.")]
    [InlineData("Sorry, we don't sell parkas or wallets. The Ocean Blue Shirt is $50.00.")]
    [InlineData("Our shirts come in several sizes and colours, and the Ocean Blue Shirt makes a lovely gift for Black Friday.")]
    [InlineData("Welcome to Test Boutique! The Ocean Blue Shirt is $50.00 and looks great with jeans.")]
    public async Task An_honest_reply_about_names_reaches_the_shopper_unchanged(string text)
    {
        _server.ThenText(text);

        var reply = await AskAsync("do you have a parka?");

        Assert.Equal(text, reply.Text);
        Assert.Contains(reply.Cards, c => c.Title == "Ocean Blue Shirt");
    }

    [Fact]
    public async Task A_promise_the_shipping_policy_makes_is_kept()
    {
        // The boutique's policy: "Shipping costs $7.50 per order and is free on orders over $100."
        _server.ThenText($"{Truth} Shipping is free on orders over $100.");

        var reply = await AskAsync("a shirt please");

        Assert.Equal($"{Truth} Shipping is free on orders over $100.", reply.Text);
    }

    [Fact]
    public async Task A_huge_output_is_capped_and_the_model_is_asked_for_a_bounded_answer()
    {
        var huge = string.Concat(Enumerable.Repeat(Truth + " ", 2000)) + "Use code freebie.";
        _server.ThenText(huge);

        var watch = Stopwatch.StartNew();
        var reply = await AskAsync("a shirt please");
        watch.Stop();

        Assert.InRange(reply.Text.Length, Truth.Length, ChatLimits.ReplyText);
        Assert.DoesNotContain("freebie", reply.Text);
        Assert.InRange(reply.Cards.Count, 1, 5);
        var body = Assert.Single(_server.Requests);
        var max = body["max_completion_tokens"] ?? body["max_tokens"];
        Assert.Equal(ChatLimits.MaxOutputTokens, max!.GetValue<int>());
        Assert.True(watch.ElapsedMilliseconds < 2000, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_wall_of_digits_is_read_fast_now_and_in_later_turns()
    {
        var digits = "$" + new string('7', 8000);
        var history = Enumerable.Repeat(new HistoryLine("user", digits), 5).ToList();
        var request = new AssistantRequest(_catalog, digits, null, history, MayPromote: true);
        var tools = new CatalogTools(_catalog, true, request.ShareableDiscounts());
        FactChecker.Check("warm-up", _catalog, TurnFacts.For(request, tools, []));

        var watch = Stopwatch.StartNew();
        ShopperMessage.Parse(digits);
        var facts = TurnFacts.For(request, tools, []);
        var check = FactChecker.Check(digits + " " + Truth, _catalog, facts);
        watch.Stop();

        Assert.DoesNotContain("777", check.Text);
        Assert.True(watch.ElapsedMilliseconds < 200, $"{watch.ElapsedMilliseconds} ms");
    }
}
