using System.Text.Json.Nodes;
using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
using SalesBot.Tests.Assistant;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// A sale in LLM mode through the whole app: the sandbox chat page's signed webhooks in, the scripted OpenAI-compatible
/// server as the model (it calls the cart tools as a model would), the sandbox Send API out. Each turn the model must be
/// given the conversation's state; the tools act on it; the memory survives a restart; a sold-out add is refused; the
/// checkout is a button built by code for exactly the cart, and a link the model invents never reaches the shopper.
/// </summary>
public sealed class LlmSaleAppTests
{
    [Fact]
    public async Task Search_the_second_one_in_M_a_refused_sold_out_add_a_restart_then_checkout_by_button()
    {
        var catalog = SaleCatalog.Create();
        var jacket = SaleCatalog.Product(catalog, SaleCatalog.JacketTitle);
        var hat = SaleCatalog.Product(catalog, SaleCatalog.HatTitle);
        // Read from the catalog: in M, one colour is sold out and one can be bought.
        var inM = jacket.Product.Variants.Nodes.Where(v => v.SelectedOptions.Any(o => o.Name == "Size" && o.Value == "M")).ToList();
        var soldOut = inM.Single(v => !v.AvailableForSale);
        var buyable = inM.First(v => v.AvailableForSale);
        string Colour(SalesBot.Catalog.ProductVariant v) => v.SelectedOptions.Single(o => o.Name == "Color").Value;

        await using var model = await ScriptedOpenAiServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "test-key",
            ["OPENAI_BASE_URL"] = model.BaseUrl + "/v1",
            ["OPENAI_MODEL"] = "scripted",
        };
        var psid = InboxApp.NewPsid();
        var dataDir = Path.Combine(Path.GetTempPath(), "salesbot-llm-sale-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await InboxApp.StartAsync(dataDir: dataDir, catalog: SaleCatalog.Data(), settings: settings))
            {
                // Turn 1: a search; the model shows the hat first and the jacket second.
                model.ThenToolCall("search_products", new { query = "jacket or hat" })
                     .ThenText("Have a look at the [[wool-hat]] and the [[trail-jacket]].");
                await first.ShopperSaysAsync(psid, "jackets or hats?");
                var cards = Cards(first, psid);
                Assert.Equal([hat.Product.Title, jacket.Product.Title], cards);

                // Turn 2: "the second one in M" — the state names the jacket as number 2; select_product pins the size.
                var before = model.Requests.Count;
                model.ThenToolCall("select_product", new { handle = "trail-jacket", optionValues = new[] { "M" } })
                     .ThenText("Good choice, it is in stock in M.");
                await first.ShopperSaysAsync(psid, "the second one in M");
                var state = StateMessage(model.Requests.ElementAt(before));
                Assert.Contains($"1. [[{hat.Product.Handle}]] {hat.Product.Title}", state);
                Assert.Contains($"2. [[{jacket.Product.Handle}]] {jacket.Product.Title}", state);
                var selected = LastToolResult(model.Requests.Last());
                var colours = selected["next"]!["values"]!.AsArray().ToDictionary(v => v!["value"]!.GetValue<string>(), v => v!["inStock"]!.GetValue<bool>());
                Assert.Equal("Color", selected["next"]!["option"]!.GetValue<string>());
                Assert.True(colours[Colour(buyable)]);
                Assert.False(colours[Colour(soldOut)]);

                // Turn 3: the sold-out colour is refused by the tool, whatever the model would like.
                before = model.Requests.Count;
                model.ThenToolCall("add_to_cart", new { handle = "trail-jacket", optionValues = new[] { Colour(soldOut) } })
                     .ThenText("Sorry, that colour is sold out in M.");
                await first.ShopperSaysAsync(psid, $"add it in {Colour(soldOut).ToLowerInvariant()}");
                Assert.Contains("options chosen: Size M", StateMessage(model.Requests.ElementAt(before)));
                var refused = LastToolResult(model.Requests.Last());
                Assert.False(refused["added"]!.GetValue<bool>());
                Assert.Contains("sold out", refused["reason"]!.GetValue<string>());
            }

            // The app restarts on the same database: the discussed product, its size and the empty cart come back.
            await using var second = await InboxApp.StartAsync(dataDir: dataDir, catalog: SaleCatalog.Data(), settings: settings);
            var beforeAdd = model.Requests.Count;
            model.ThenToolCall("add_to_cart", new { handle = "trail-jacket", optionValues = new[] { Colour(buyable) }, quantity = 2 })
                 .ThenText("Done, two are in your cart.");
            await second.ShopperSaysAsync(psid, $"{Colour(buyable).ToLowerInvariant()} then, two of them");
            var afterRestart = StateMessage(model.Requests.ElementAt(beforeAdd));
            Assert.Contains($"Product being discussed: [[{jacket.Product.Handle}]] {jacket.Product.Title}; options chosen: Size M.", afterRestart);
            Assert.Contains("Cart: empty.", afterRestart);
            var added = LastToolResult(model.Requests.Last());
            Assert.True(added["added"]!.GetValue<bool>());
            Assert.Equal(2, added["line"]!["quantity"]!.GetValue<int>());

            // Checkout: the state lists the cart line; the model invents a link, which is dropped; code attaches the real one.
            var beforeCheckout = model.Requests.Count;
            model.ThenToolCall("checkout", new { })
                 .ThenText("Here is your link: https://pay.invented.example/checkout?cart=1. Enjoy your new jacket!");
            await second.ShopperSaysAsync(psid, "checkout please");
            var line = $"- 2 × {SaleTurn.VariantName(jacket.Product, buyable)} at {catalog.Money.Format(buyable.Price)} each";
            Assert.Contains(line, StateMessage(model.Requests.ElementAt(beforeCheckout)));

            var expected = $"https://{catalog.StoreHost}/cart/{ProductCardFactory.NumericId(buyable.Id)}:2";
            Assert.Equal(expected, await SaleMemoryAppTests.CheckoutTargetAsync(second, psid));
            var sent = second.MessagesTo(psid).Select(s => s.Message!.Value.GetRawText()).ToList();
            Assert.DoesNotContain(sent, m => m.Contains("invented.example", StringComparison.Ordinal));
            Assert.Contains(sent, m => m.Contains("Enjoy your new jacket!", StringComparison.Ordinal) && m.Contains(catalog.Money.Format(buyable.Price * 2), StringComparison.Ordinal));
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private static IReadOnlyList<string> Cards(InboxApp app, string psid) => app.MessagesTo(psid)
        .Select(s => s.Message!.Value)
        .Where(m => m.TryGetProperty("attachment", out var a) && a.GetProperty("payload").GetProperty("template_type").GetString() == "generic")
        .Last().GetProperty("attachment").GetProperty("payload").GetProperty("elements").EnumerateArray()
        .Select(e => e.GetProperty("title").GetString()!).ToList();

    /// <summary>The conversation-state system message of a request to the model (the one before the shopper's message).</summary>
    private static string StateMessage(JsonNode request) => request["messages"]!.AsArray()
        .Where(m => m!["role"]!.GetValue<string>() == "system").Select(m => m!["content"]!.ToString())
        .Single(c => c.StartsWith("Conversation state", StringComparison.Ordinal));

    /// <summary>What the last tool call answered, as the model read it.</summary>
    private static JsonNode LastToolResult(JsonNode request) => JsonNode.Parse(request["messages"]!.AsArray()
        .Last(m => m!["role"]!.GetValue<string>() == "tool")!["content"]!.ToString())!;
}
