using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SalesBot.Assistant;
using SalesBot.Configuration;

namespace SalesBot.Tests.Assistant;

/// <summary>The LLM path end to end against a scripted OpenAI-compatible server: tool loop, cards, fact check.</summary>
public sealed class LlmShopAssistantTests : IAsyncLifetime
{
    private readonly CatalogIndex _catalog = new(TestCatalog.Create());
    private ScriptedOpenAiServer _server = null!;
    private LlmShopAssistant _assistant = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedOpenAiServer.StartAsync();
        _assistant = _server.CreateAssistant();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<AssistantReply> AskAsync(string text, bool mayPromote = true, string[]? shared = null) =>
        _assistant.ReplyAsync(new AssistantRequest(_catalog, text, null, [new HistoryLine("user", "hi"), new HistoryLine("assistant", "Hello!")], mayPromote,
            shared?.ToHashSet()), default);

    [Fact]
    public async Task A_responder_answers_every_request_the_script_has_no_turn_for()
    {
        // As the evaluation bench's scripted model does: search with the shopper's words, then name what the tool returned.
        _server.RespondWith(body =>
        {
            var last = body["messages"]!.AsArray()[^1]!;
            return last["role"]!.GetValue<string>() == "user"
                ? ScriptedOpenAiServer.ToolCallMessage("search_products", new { query = last["content"]!.GetValue<string>() })
                : ScriptedOpenAiServer.TextMessage($"Try the [[{JsonNode.Parse(last["content"]!.GetValue<string>())!.AsArray()[0]!["handle"]}]].");
        });

        foreach (var (text, title) in new[] { ("blue shirt", "Ocean Blue Shirt"), ("galaxy earrings", "Galaxy Earrings") })
        {
            var reply = await AskAsync(text);
            Assert.Equal($"Try the {title}.", reply.Text);
            Assert.Equal(title, reply.Cards[0].Title);
        }
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Tool_loop_runs_and_cards_come_from_the_catalog()
    {
        _server.ThenToolCall("search_products", new { query = "blue shirt", maxPrice = 100 })
               .ThenText("The [[ocean-blue-shirt]] is a classic, made of soft cotton.");

        var reply = await AskAsync("do you have a blue shirt?");

        Assert.Equal("The Ocean Blue Shirt is a classic, made of soft cotton.", reply.Text);
        var card = Assert.Single(reply.Cards);
        Assert.Equal(("Ocean Blue Shirt", "$50.00", "https://boutique.example/cart/100:1"), (card.Title, card.Price, card.BuyUrl));

        var requests = _server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        var tools = requests[0]["tools"]!.AsArray().Select(t => t!["function"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["search_products", "get_product_details", "list_discount_codes", "get_store_policy", "handoff_to_human",
            "select_product", "add_to_cart", "remove_from_cart", "view_cart", "checkout", "find_cheaper", "find_similar"], tools);
        var toolMessage = requests[1]["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool");
        Assert.Contains("ocean-blue-shirt", toolMessage!["content"]!.ToString());
        Assert.Contains(requests[0]["messages"]!.AsArray(), m => m!["role"]!.GetValue<string>() == "assistant" && m["content"]!.ToString().Contains("Hello!"));
    }

    [Fact]
    public async Task Hallucinated_price_product_and_code_are_caught()
    {
        _server.ThenToolCall("search_products", new { query = "shirt" })
               .ThenText("The [[ocean-blue-shirt]] is only $19.99 today! We also have the **Galaxy Hoodie** for $25. Use code SUMMER50 for half off. Enjoy!");

        var reply = await AskAsync("shirts?");

        Assert.Equal("The Ocean Blue Shirt is only $50.00 today! Enjoy!", reply.Text);
        Assert.DoesNotContain("Hoodie", reply.Text);
        Assert.DoesNotContain("SUMMER50", reply.Text);
        Assert.Equal("Ocean Blue Shirt", Assert.Single(reply.Cards).Title);
    }

    [Fact]
    public async Task An_unknown_handle_is_dropped_and_a_sold_out_product_is_not_sold()
    {
        _server.ThenToolCall("search_products", new { query = "bracelet" })
               .ThenText("Try the [[magic-bracelet]]. The [[chain-bracelet]] costs $42.99.");

        var reply = await AskAsync("black bracelet");

        Assert.Equal("The 7 Shakra Bracelet costs $42.99.", reply.Text);
        var card = Assert.Single(reply.Cards);
        Assert.True(card.InStock);
        Assert.Contains("Blue", card.Subtitle);
    }

    [Fact]
    public async Task Real_codes_pass_only_inside_the_24_hour_window()
    {
        _server.ThenToolCall("list_discount_codes", new { }).ThenText("Use code SPRING15 for 15% off everything.");
        var inside = await AskAsync("any discount?", shared: ["SPRING15"]);
        _server.ThenToolCall("list_discount_codes", new { }).ThenText("Use code SPRING15 for 15% off everything.");
        var outside = await AskAsync("any discount?", mayPromote: false, shared: ["SPRING15"]);

        Assert.Equal("Use code SPRING15 for 15% off everything.", inside.Text);
        Assert.DoesNotContain("SPRING15", outside.Text);
        var toolResult = _server.Requests.Last()["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString();
        Assert.DoesNotContain("SPRING15", toolResult);
    }

    [Fact]
    public async Task A_code_the_merchant_did_not_pick_is_neither_listed_nor_said()
    {
        _server.ThenToolCall("list_discount_codes", new { }).ThenText("Use code SPRING15 for 15% off everything.");
        var reply = await AskAsync("any discount?");

        Assert.DoesNotContain("SPRING15", reply.Text);
        var request = _server.Requests.Last();
        var toolResult = request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString();
        Assert.DoesNotContain("SPRING15", toolResult);
        Assert.Contains("shares no discount codes", toolResult);
        Assert.Contains("Do not mention discounts", request["messages"]![0]!["content"]!.ToString());
    }

    [Fact]
    public async Task Handoff_tool_pauses_the_bot()
    {
        _server.ThenToolCall("handoff_to_human", new { reason = "return request" }).ThenText("A teammate will be with you shortly.");

        var reply = await AskAsync("I need to return my order");

        Assert.True(reply.HandOff);
        Assert.Equal("A teammate will be with you shortly.", reply.Text);
    }

    [Fact]
    public async Task A_failing_model_falls_back_to_the_catalog()
    {
        _server.ThenFailure();

        var reply = await AskAsync("earrings");

        Assert.Equal("Galaxy Earrings", reply.Cards[0].Title);
        Assert.Equal("Here is what I found for you:", reply.Text);
    }
}
