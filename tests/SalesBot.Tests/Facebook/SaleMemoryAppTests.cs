using System.Text.Json;
using SalesBot.Assistant;
using SalesBot.Catalog;
using SalesBot.Tests.Assistant;

namespace SalesBot.Tests.Facebook;

/// <summary>
/// Conversation memory through the whole app: a shopper chats on the sandbox chat page (signed webhooks, the sandbox
/// Send API), the app restarts on the same database, and the cart filled before the restart is the one checked out.
/// </summary>
public sealed class SaleMemoryAppTests
{
    [Fact]
    public async Task The_cart_survives_a_restart_and_the_checkout_link_carries_exactly_its_variant()
    {
        var catalog = new CatalogIndex(TestCatalog.Create());
        // A product with a real choice, some of it in stock: its in-stock variant is what the shopper asks for by option value.
        var product = catalog.Products.First(p => p.Product.Variants.Nodes.Count > 1 && p.Product.Variants.Nodes.Any(v => v.AvailableForSale));
        var option = product.Product.Options.Single();
        var wanted = product.Product.Variants.Nodes.First(v => v.AvailableForSale);
        var value = wanted.SelectedOptions.Single(o => o.Name == option.Name).Value;
        var psid = InboxApp.NewPsid();

        var dataDir = Path.Combine(Path.GetTempPath(), "salesbot-sale-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var first = await InboxApp.StartAsync(dataDir: dataDir))
            {
                await first.ShopperSaysAsync(psid, product.Product.Title);
                await first.ShopperSaysAsync(psid, $"add it in {value.ToLowerInvariant()}");
                Assert.Contains(Texts(first, psid), t => t.StartsWith($"Added 1 × {product.Product.Title} ({wanted.Title})", StringComparison.Ordinal));
            }

            await using var second = await InboxApp.StartAsync(dataDir: dataDir);
            await second.ShopperSaysAsync(psid, "show my cart");
            Assert.Contains($"1 × {product.Product.Title} ({wanted.Title}) — {catalog.Money.Format(wanted.Price)}", string.Join("\n", Texts(second, psid)));
            await second.ShopperSaysAsync(psid, "checkout");
            var link = $"https://{catalog.StoreHost}/cart/{ProductCardFactory.NumericId(wanted.Id)}:1";
            Assert.Equal(link, await CheckoutTargetAsync(second, psid));
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The last checkout button the shopper got (a button template with a URL button), followed as a shopper's tap would
    /// be: the tracked <c>/go/</c> link redirects to the cart permalink, which is returned.
    /// </summary>
    internal static async Task<string> CheckoutTargetAsync(InboxApp app, string psid)
    {
        var payload = app.MessagesTo(psid).Select(s => s.Message!.Value)
            .Where(m => m.TryGetProperty("attachment", out var a) && a.GetProperty("payload").GetProperty("template_type").GetString() == "button")
            .Select(m => m.GetProperty("attachment").GetProperty("payload")).Last();
        var button = payload.GetProperty("buttons").EnumerateArray().Single();
        Assert.Equal(("web_url", "Checkout"), (button.GetProperty("type").GetString(), button.GetProperty("title").GetString()));
        var tracked = button.GetProperty("url").GetString()!;
        Assert.StartsWith(app.BaseUri.ToString().TrimEnd('/') + "/go/", tracked);
        Assert.DoesNotContain("http", payload.GetProperty("text").GetString()!);
        using var browser = app.Browser();
        using var followed = await browser.GetAsync(tracked);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, followed.StatusCode);
        return followed.Headers.Location!.OriginalString;
    }

    private static IReadOnlyList<string> Texts(InboxApp app, string psid) => app.MessagesTo(psid)
        .Select(s => s.Message!.Value.TryGetProperty("text", out var t) ? t.GetString()! : "")
        .Where(t => t.Length > 0).ToList();
}
