using SalesBot.Assistant;
using SalesBot.Catalog;
using SalesBot.Facebook;
namespace SalesBot.Tests.Assistant;

public sealed class ReplyBuilderTests
{
    [Fact]
    public void Long_text_is_split_at_sentence_boundaries_under_2000_characters()
    {
        var sentence = "This is a sentence about a lovely product that shoppers adore. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 80));

        var chunks = ReplyBuilder.SplitText(text, 2000);

        Assert.True(chunks.Count >= 3);
        Assert.All(chunks, c => Assert.True(c.Length <= 2000));
        Assert.All(chunks, c => Assert.EndsWith(".", c));
        Assert.Equal(text.Trim().Replace(" ", ""), string.Concat(chunks).Replace(" ", ""));
    }

    [Fact]
    public void A_checkout_is_a_button_template_whose_url_button_goes_through_the_tracked_link()
    {
        var links = new SalesBot.Insights.BuyLinks(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(),
            Microsoft.Extensions.Options.Options.Create(new SalesBot.Configuration.AppOptions { BaseUrl = "https://bot.example/" }));
        var line = new SalesBot.Assistant.Memory.CartLine("gid://shopify/ProductVariant/9", "gid://shopify/Product/1", 2);
        var words = string.Concat(Enumerable.Repeat("A sentence the shopper reads before paying. ", 20)).Trim();
        var reply = new AssistantReply(words, [], [], CheckoutUrl: "https://shop.example/cart/9:2", CheckoutLine: line);

        var messages = ReplyBuilder.Build(reply, new SalesBot.Insights.BuyLinkIssuer(links, "shop-a.myshopify.com", "page-1"));

        var payload = messages[^1].Attachment!.Payload;
        Assert.Equal("button", payload.TemplateType);
        Assert.Null(payload.Elements);
        Assert.InRange(payload.Text!.Length, 1, OutgoingMessage.MaxButtonTextLength);
        Assert.Equal(words.Replace(" ", ""), string.Concat(messages.Take(messages.Count - 1).Select(m => m.Text).Append(payload.Text)).Replace(" ", ""));
        var button = Assert.Single(payload.Buttons!);
        Assert.Equal(("web_url", "Checkout"), (button.Type, button.Title));
        Assert.StartsWith("https://bot.example/go/", button.Url);
        var tracked = links.Read(button.Url!["https://bot.example/go/".Length..])!;
        Assert.Equal(("https://shop.example/cart/9:2", line.ProductId, line.VariantId), (tracked.StoreUrl, tracked.ProductId, tracked.VariantId));
    }

    [Fact]
    public void Cards_become_one_generic_template_and_quick_replies_ride_on_the_last_message()
    {
        var cards = Enumerable.Range(1, 12).Select(i => new ProductCard($"p{i}", $"Product {i}", "$1.00", null, $"https://x/p{i}", $"https://x/cart/{i}:1", "$1.00", true)).ToList();
        var reply = new AssistantReply("Hello.", cards, [new QuickReplyOption("Talk to a person", "HUMAN")]);

        var messages = ReplyBuilder.Build(reply);

        Assert.Equal(2, messages.Count);
        Assert.Equal("Hello.", messages[0].Text);
        Assert.Null(messages[0].QuickReplies);
        var elements = messages[1].Attachment!.Payload.Elements!;
        Assert.Equal(10, elements.Count);
        Assert.Equal(["View", "Buy"], elements[0].Buttons.Select(b => b.Title));
        Assert.Equal("HUMAN", Assert.Single(messages[1].QuickReplies!).Payload);
    }

    [Theory]
    [InlineData("${{amount}}", 1234.5, "$1,234.50")]
    [InlineData("{{amount_with_comma_separator}} €", 1234.5, "1.234,50 €")]
    [InlineData("<span class=money>£{{amount_no_decimals}}</span>", 19.99, "£20")]
    public void Prices_use_the_shops_money_format(string format, decimal amount, string expected)
    {
        var shop = new ShopInfo("1", "S", null, "s.myshopify.com", null, "USD", null, null, new CurrencyFormats(format, format), null);

        Assert.Equal(expected, new MoneyFormatter(shop).Format(amount));
    }

    [Theory]
    [InlineData("shirts under $50", null, 50)]
    [InlineData("between 20 and 40 dollars", 20, 40)]
    [InlineData("necklace over 60", 60, null)]
    [InlineData("around $100", 80, 120)]
    public void Price_words_become_a_price_range(string text, int? min, int? max)
    {
        var query = ShopperMessage.Parse(text).Query;

        Assert.Equal(min, (int?)query.MinPrice);
        Assert.Equal(max, (int?)query.MaxPrice);
    }

    [Fact]
    public void On_instagram_text_is_split_under_1000_utf8_bytes_on_word_boundaries_and_quick_replies_and_cards_are_capped()
    {
        // 3-byte characters: 1000 characters would be 3000 bytes, three times Instagram's limit.
        var words = Enumerable.Range(0, 400).Select(i => i % 3 == 0 ? "日本語" : i % 3 == 1 ? "très" : "✨ok").ToList();
        var text = string.Join(" ", words);
        var cards = Enumerable.Range(1, 12).Select(i => new ProductCard($"p{i}", $"Product {i}", "$1.00", null, $"https://x/p{i}", null, "$1.00", true)).ToList();
        var quick = Enumerable.Range(1, 16).Select(i => new QuickReplyOption($"Option {i}", $"P{i}")).ToList();

        var messages = ReplyBuilder.Build(new AssistantReply(text, cards, quick), null, ChannelLimits.Instagram);

        var texts = messages.Where(m => m.Text is not null).Select(m => m.Text!).ToList();
        Assert.True(texts.Count >= 2);
        Assert.All(texts, t => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(t), 1, ChannelLimits.InstagramMaxTextBytes));
        Assert.Equal(words, texts.SelectMany(t => t.Split(' ')));
        Assert.Equal(10, messages[^1].Attachment!.Payload.Elements!.Count);
        Assert.Equal(13, messages[^1].QuickReplies!.Count);
        // The same reply on Messenger needs one text message (2000 characters there, whatever their bytes).
        Assert.Single(ReplyBuilder.Build(new AssistantReply(text, [], []), null, ChannelLimits.Messenger));
    }

    [Fact]
    public void A_split_never_breaks_a_surrogate_pair_at_the_byte_limit()
    {
        var text = string.Concat(Enumerable.Repeat("😀", 400)); // 4 bytes each, no spaces: a hard cut

        var chunks = ReplyBuilder.SplitText(text, 1000, 1000);

        Assert.Equal([250, 150], chunks.Select(c => c.Length / 2));
        Assert.All(chunks, c => Assert.False(char.IsHighSurrogate(c[^1])));
    }
}
