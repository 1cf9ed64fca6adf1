using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesBot.Assistant;
using SalesBot.Assistant.Memory;
using SalesBot.Catalog;
using SalesBot.Data;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// Scripted conversations with the catalog-only assistant, turn after turn on the same memory: which product a
/// follow-up means, the exact variant (walked through with the quick replies it offers), the cart and the checkout
/// link. Every expected id, price and link is read from <see cref="SaleCatalog"/>.
/// </summary>
public sealed class SaleConversationTests
{
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth"];
    private readonly CatalogIndex _catalog = SaleCatalog.Create();

    /// <summary>One shopper's conversation: each turn sees the memory the last one left.</summary>
    private sealed class Conversation(CatalogIndex catalog, IReadOnlySet<string>? shared = null)
    {
        public ConversationMemory Memory { get; private set; } = ConversationMemory.Empty;

        public AssistantReply Say(string text) => Turn(text, null);

        public AssistantReply Tap(QuickReplyOption option) => Turn(option.Title, option.Payload);

        private AssistantReply Turn(string text, string? payload)
        {
            var (reply, memory) = CatalogOnlyAssistant.Reply(new AssistantRequest(catalog, text, payload, [], MayPromote: true, shared), Memory);
            Memory = memory;
            return reply;
        }
    }

    private string Price(decimal amount) => _catalog.Money.Format(amount);

    private static string Link(CatalogIndex catalog, params (ProductVariant Variant, int Quantity)[] lines) =>
        $"https://{catalog.StoreHost}/cart/" + string.Join(",", lines.Select(l => ProductCardFactory.NumericId(l.Variant.Id) + ":" + l.Quantity));

    [Fact]
    public void An_ordinal_then_quick_replies_walk_size_then_color_to_one_variant_and_a_checkout_link()
    {
        var jacket = SaleCatalog.Product(_catalog, SaleCatalog.JacketTitle);
        var chat = new Conversation(_catalog);

        var found = chat.Say("do you have jackets or hats?");
        var index = found.Cards.ToList().FindIndex(c => c.ProductId == jacket.Product.Id);
        Assert.InRange(index, 0, Ordinals.Length - 1);

        var asked = chat.Say($"how much is the {Ordinals[index]} one?");
        Assert.Equal(jacket.Product.Id, chat.Memory.ProductId);
        var prices = jacket.Product.Variants.Nodes.Select(v => v.Price).ToList();
        Assert.Contains(Price(prices.Min()), asked.Text);
        Assert.Contains(Price(prices.Max()), asked.Text);
        var sizeOption = jacket.Product.Options.OrderBy(o => o.Position).First();
        Assert.Equal(sizeOption.Values, asked.QuickReplies.Select(q => q.Title));

        var medium = sizeOption.Values[1];
        var colors = chat.Tap(asked.QuickReplies.Single(q => q.Title == medium));
        var colorOption = jacket.Product.Options.OrderBy(o => o.Position).Last();
        var mediums = jacket.Product.Variants.Nodes.Where(v => v.SelectedOptions.Any(o => o.Name == sizeOption.Name && o.Value == medium)).ToList();
        Assert.Equal(mediums.Count, colors.QuickReplies.Count);
        // The sold-out colour is still offered, marked as such; the in-stock one leads to a variant.
        foreach (var variant in mediums)
        {
            var color = variant.SelectedOptions.Single(o => o.Name == colorOption.Name).Value;
            Assert.Contains(colors.QuickReplies, q => q.Title == (variant.AvailableForSale ? color : color + " (sold out)"));
        }
        var inStock = mediums.First(v => v.AvailableForSale);
        var inStockColor = inStock.SelectedOptions.Single(o => o.Name == colorOption.Name).Value;

        var picked = chat.Tap(colors.QuickReplies.Single(q => q.Title == inStockColor));
        Assert.Equal(inStock.Id, Assert.Single(picked.Cards).VariantId);
        Assert.Contains(Price(inStock.Price), picked.Text);
        Assert.Contains($"({inStock.InventoryQuantity} left)", picked.Text);

        chat.Say("add 2");
        var line = Assert.Single(chat.Memory.Cart);
        Assert.Equal((inStock.Id, 2), (line.VariantId, line.Quantity));

        var checkout = chat.Say("checkout");
        Assert.Equal(Link(_catalog, (inStock, 2)), checkout.CheckoutUrl);
        Assert.DoesNotContain("http", checkout.Text); // the link rides on the checkout button (ReplyBuilder)
        Assert.Contains(Price(inStock.Price * 2), checkout.Text);
    }

    [Fact]
    public void Is_it_available_in_a_size_is_answered_yes_or_no_with_the_variant()
    {
        var jacket = SaleCatalog.Product(_catalog, SaleCatalog.JacketTitle);
        var soldOut = jacket.Product.Variants.Nodes.First(v => !v.AvailableForSale);
        string Value(ProductVariant v, string option) => v.SelectedOptions.Single(o => o.Name == option).Value;
        var chat = new Conversation(_catalog);
        chat.Say("trail jacket");
        Assert.Equal(jacket.Product.Id, chat.Memory.ProductId);

        var no = chat.Say($"is it available in {Value(soldOut, "Size")} in {Value(soldOut, "Color").ToLowerInvariant()}?");
        Assert.StartsWith("Sorry, no", no.Text);
        Assert.Contains(soldOut.Title, no.Text);
        Assert.Empty(chat.Memory.Cart);

        var sibling = jacket.Product.Variants.Nodes.First(v => v.AvailableForSale && Value(v, "Size") == Value(soldOut, "Size"));
        var yes = chat.Say($"and in {Value(sibling, "Color")}, size {Value(sibling, "Size")}?");
        Assert.StartsWith("Yes", yes.Text);
        Assert.Equal(sibling.Id, Assert.Single(yes.Cards).VariantId);
        Assert.Contains(Price(sibling.Price), yes.Text);
        chat.Say("add it");
        Assert.Equal([(sibling.Id, 1)], chat.Memory.Cart.Select(l => (l.VariantId, l.Quantity)));
    }

    [Fact]
    public void Size_alone_says_which_colors_have_it_and_asks_for_the_color()
    {
        var jacket = SaleCatalog.Product(_catalog, SaleCatalog.JacketTitle);
        var chat = new Conversation(_catalog);
        chat.Say("trail jacket");

        var reply = chat.Say("size M?");
        var inStock = jacket.Product.Variants.Nodes.Where(v => v.AvailableForSale && v.SelectedOptions.Any(o => o is { Name: "Size", Value: "M" }))
            .Select(v => v.SelectedOptions.Single(o => o.Name == "Color").Value).ToList();
        Assert.All(inStock, color => Assert.Contains(color, reply.Text));
        Assert.Contains("Which color?", reply.Text);
        Assert.Equal("M", chat.Memory.Options["Size"]);
    }

    [Fact]
    public void A_sold_out_variant_never_enters_the_cart()
    {
        var bracelet = _catalog.Products.Single(p => p.Product.Variants.Nodes.Any(v => !v.AvailableForSale) && p.Product.Variants.Nodes.Any(v => v.AvailableForSale) && p.Product.Options.Count == 1 && p.Product.Variants.Nodes.Count > 1);
        var soldOut = bracelet.Product.Variants.Nodes.First(v => !v.AvailableForSale);
        var chat = new Conversation(_catalog);
        chat.Say(bracelet.Product.Title);

        var reply = chat.Say($"add the {soldOut.Title.ToLowerInvariant()} one");
        Assert.Contains("sold out", reply.Text);
        Assert.Empty(chat.Memory.Cart);
        // A tap on an Add payload for it, made by hand, is refused just the same.
        chat.Tap(new QuickReplyOption("Add", $"{SaleTurn.PayloadAdd}|{ProductCardFactory.NumericId(bracelet.Product.Id)}|{ProductCardFactory.NumericId(soldOut.Id)}"));
        Assert.Empty(chat.Memory.Cart);
        Assert.Null(chat.Say("checkout").CheckoutUrl);
    }

    [Fact]
    public void Remove_the_hat_keeps_the_rest_and_the_cart_shows_lines_and_total()
    {
        var jacket = SaleCatalog.Product(_catalog, SaleCatalog.JacketTitle);
        var hat = SaleCatalog.Product(_catalog, SaleCatalog.HatTitle);
        var large = SaleCatalog.Variant(jacket, ("Size", "L"), ("Color", "Blue"));
        var chat = new Conversation(_catalog);

        chat.Say("wool hat");
        chat.Say("add 3");
        chat.Say("trail jacket");
        var added = chat.Say("add it in L blue");
        Assert.Contains("Added 1", added.Text);
        Assert.Equal([(hat.Product.Variants.Nodes[0].Id, 3), (large.Id, 1)], chat.Memory.Cart.Select(l => (l.VariantId, l.Quantity)));

        var cart = chat.Say("show my cart");
        Assert.Contains(Price(hat.Product.Variants.Nodes[0].Price * 3), cart.Text);
        Assert.Contains(Price(hat.Product.Variants.Nodes[0].Price * 3 + large.Price), cart.Text);

        chat.Say("remove the hat");
        Assert.Equal([large.Id], chat.Memory.Cart.Select(l => l.VariantId));
        Assert.Equal(Link(_catalog, (large, 1)), chat.Say("checkout").CheckoutUrl);
    }

    [Fact]
    public void The_code_goes_on_the_link_only_when_the_shopper_asked_and_the_merchant_allows_it()
    {
        var hat = SaleCatalog.Product(_catalog, SaleCatalog.HatTitle);
        var code = _catalog.Discounts[0].Code;
        var plain = Link(_catalog, (hat.Product.Variants.Nodes[0], 1));
        HashSet<string> allowed = [code];

        var notAsked = new Conversation(_catalog, allowed);
        notAsked.Say("wool hat");
        notAsked.Say("add it");
        Assert.Equal(plain, notAsked.Say("checkout").CheckoutUrl);

        var asked = new Conversation(_catalog, allowed);
        var codes = asked.Say("any discount codes?");
        asked.Tap(codes.QuickReplies.Single(q => q.Payload == $"{SaleTurn.PayloadCode}|{code}"));
        asked.Say("wool hat");
        asked.Say("add it");
        Assert.Equal(plain + "?discount=" + Uri.EscapeDataString(code), asked.Say("checkout").CheckoutUrl);

        var askedNotAllowed = new Conversation(_catalog, shared: null);
        askedNotAllowed.Say("wool hat");
        askedNotAllowed.Say("add it");
        var refused = askedNotAllowed.Say($"checkout with code {code}");
        Assert.Equal(plain, refused.CheckoutUrl);
        Assert.Contains("can't be used", refused.Text);
    }

    [Fact]
    public void A_new_search_is_not_taken_for_an_option_of_the_product_discussed()
    {
        var chat = new Conversation(_catalog);
        chat.Say("trail jacket");
        var reply = chat.Say("blue shirt");
        Assert.Contains(reply.Cards, c => c.Title.Contains("Shirt"));
        Assert.DoesNotContain(reply.QuickReplies, q => q.Payload.StartsWith(SaleTurn.PayloadOption, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Memory_is_kept_in_the_database_read_by_a_new_store_and_erased_by_key_and_by_shop()
    {
        var dir = Path.Combine(Path.GetTempPath(), "salesbot-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        ServiceProvider Services() => new ServiceCollection()
            .AddDbContextFactory<SalesBotDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(dir, "salesbot.db")};Pooling=False"))
            .AddSingleton(TimeProvider.System).AddSingleton<ConversationMemoryStore>().BuildServiceProvider();
        try
        {
            var hat = SaleCatalog.Product(_catalog, SaleCatalog.HatTitle);
            await using (var first = Services())
            {
                await using (var db = await first.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
                    await db.Database.EnsureCreatedAsync();
                var assistant = new CatalogOnlyAssistant(first.GetRequiredService<ConversationMemoryStore>());
                await assistant.ReplyAsync(new AssistantRequest(_catalog, "wool hat", null, [], true, ConversationKey: "page:a"), default);
                await assistant.ReplyAsync(new AssistantRequest(_catalog, "add 2", null, [], true, ConversationKey: "page:a"), default);
                await assistant.ReplyAsync(new AssistantRequest(_catalog, "wool hat", null, [], true, ConversationKey: "page:b"), default);
            }
            await using var second = Services();
            var store = second.GetRequiredService<ConversationMemoryStore>();
            var line = Assert.Single((await store.GetAsync("page:a", default)).Cart);
            Assert.Equal((hat.Product.Variants.Nodes[0].Id, 2), (line.VariantId, line.Quantity));
            var checkout = await new CatalogOnlyAssistant(store).ReplyAsync(new AssistantRequest(_catalog, "checkout", null, [], true, ConversationKey: "page:a"), default);
            Assert.Equal(Link(_catalog, (hat.Product.Variants.Nodes[0], 2)), checkout.CheckoutUrl);

            Assert.Equal(1, await store.EraseAsync(["page:a"], default));
            Assert.Same(ConversationMemory.Empty, await store.GetAsync("page:a", default));
            Assert.Equal(1, await store.DeleteShopAsync(_catalog.Shop.MyshopifyDomain, default));
            Assert.Empty((await store.GetAsync("page:b", default)).Shown);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_conversation_quiet_for_the_retention_window_is_pruned_when_another_of_the_shop_starts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "salesbot-memory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse("2026-03-02T10:00:00Z"));
        await using var services = new ServiceCollection()
            .AddDbContextFactory<SalesBotDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(dir, "salesbot.db")};Pooling=False"))
            .AddSingleton<TimeProvider>(time).AddSingleton<ConversationMemoryStore>().BuildServiceProvider();
        try
        {
            await using (var db = await services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
                await db.Database.EnsureCreatedAsync();
            var store = services.GetRequiredService<ConversationMemoryStore>();
            var shop = _catalog.Shop.MyshopifyDomain;
            var remembered = ConversationMemory.Empty with { Shown = [_catalog.Products[0].Product.Id] };
            await store.SaveAsync("page:old", shop, remembered, default);
            await store.SaveAsync("page:other-shop", "other.myshopify.com", remembered, default);
            time.Advance(SalesBot.Data.HistoryRetention.Window - TimeSpan.FromMinutes(1));
            await store.SaveAsync("page:recent", shop, remembered, default);
            Assert.Equal(remembered.Shown, (await store.GetAsync("page:old", default)).Shown);

            time.Advance(TimeSpan.FromMinutes(2));
            await store.SaveAsync("page:new", shop, remembered, default);
            Assert.Same(ConversationMemory.Empty, await store.GetAsync("page:old", default));
            Assert.Equal(remembered.Shown, (await store.GetAsync("page:recent", default)).Shown);
            Assert.Equal(remembered.Shown, (await store.GetAsync("page:other-shop", default)).Shown);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
