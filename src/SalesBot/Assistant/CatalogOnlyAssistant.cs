using System.Globalization;
using SalesBot.Assistant.Memory;

namespace SalesBot.Assistant;

/// <summary>
/// Answers from the catalog alone, with no model: intents and price words from
/// <see cref="ShopperMessage"/>, products from <see cref="CatalogIndex.Search"/>, sentences from
/// <see cref="Phrases"/>. Also the fallback when the model is unreachable. With a conversation key, follow-ups
/// ("the second one", "in M", "add it", "checkout") are resolved against the conversation's memory (<see cref="SaleTurn"/>),
/// which is read before and saved after the turn.
/// </summary>
public sealed class CatalogOnlyAssistant(ConversationMemoryStore memories) : IShopAssistant
{
    public const int CardLimit = 5;

    public async Task<AssistantReply> ReplyAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        if (request.ConversationKey is not { } key) return Reply(request);
        var memory = await memories.GetAsync(key, cancellationToken);
        var (reply, updated) = Reply(request, memory);
        if (updated != memory) await memories.SaveAsync(key, request.Catalog.Shop.MyshopifyDomain, updated, cancellationToken);
        return reply;
    }

    /// <summary>A turn with no memory: a one-off question (the console's preview, the model's fallback).</summary>
    public static AssistantReply Reply(AssistantRequest request) => Reply(request, ConversationMemory.Empty).Reply;

    /// <summary>A turn against the conversation's memory: the reply, and the memory as it is after it (the cards shown, the cart).</summary>
    public static (AssistantReply Reply, ConversationMemory Memory) Reply(AssistantRequest request, ConversationMemory memory)
    {
        // A profile shortcut's title ("Show me what's new") is a button's label, not words to read as a follow-up.
        if (!ShopperMessage.IsShortcut(request.Payload) && SaleTurn.TryReply(request, memory) is { } followUp) return followUp;
        var reply = Answer(request);
        return (reply, memory.Show(reply.Cards.Select(c => c.ProductId)));
    }

    private static AssistantReply Answer(AssistantRequest request)
    {
        var catalog = request.Catalog;
        var message = ShopperMessage.Parse(request.Text, request.Payload);
        var phrases = Phrases.For(message.Language);
        var shareable = request.ShareableDiscounts();
        var quickReplies = phrases.DefaultQuickReplies(shareable.Count > 0);
        var shopName = catalog.Shop.Name;

        // Goodbyes and questions about the store come before the catalog: "bye" closes, "do you ship to Canada?" is not a product search.
        if (message.Intent is ShopperIntent.Search or ShopperIntent.Greeting or ShopperIntent.Thanks && request.Payload is null)
        {
            if (Closings.IsClosing(request.Text))
                return new AssistantReply(Format(StorePhrases.For(message.Language).Closing, shopName), [], []);
            if (StoreQuestion.Parse(request.Text) is { } storeQuestion)
                return PolicyAnswers.Reply(catalog, storeQuestion, message.Language, quickReplies);
        }

        switch (message.Intent)
        {
            case ShopperIntent.Human:
                return new AssistantReply(phrases.HandOff, [], [], HandOff: true);
            case ShopperIntent.Greeting:
                return new AssistantReply(Format(phrases.Welcome, shopName), Cards(catalog, CatalogSearch.Featured(catalog, CardLimit)), quickReplies);
            case ShopperIntent.Thanks:
                return new AssistantReply(phrases.Thanks, [], quickReplies);
            case ShopperIntent.Browse:
                return new AssistantReply(Format(phrases.Browse, shopName), Cards(catalog, CatalogSearch.Featured(catalog, CardLimit)), quickReplies);
            case ShopperIntent.Discounts:
                return Discounts(request.Catalog, shareable, phrases, quickReplies);
            case ShopperIntent.NewArrivals:
                return new AssistantReply(Format(ShortcutPhrases.For(message.Language).NewArrivals, shopName), Cards(catalog, CatalogSearch.Newest(catalog, CardLimit)), quickReplies);
            case ShopperIntent.Deals:
                return Deals(catalog, shareable, phrases, ShortcutPhrases.For(message.Language), quickReplies);
            case ShopperIntent.Gift:
                return new AssistantReply(ShortcutPhrases.For(message.Language).Gift, [], ShortcutPhrases.For(message.Language).GiftChoices());
        }

        if (message.Query.Order is { } order)
            return PriceEnd(catalog, message.Query, order, phrases, StorePhrases.For(message.Language), quickReplies);

        if (CatalogSearch.AskedAudienceIsAbsent(catalog, message.Query))
            return new AssistantReply(phrases.NotFound, Cards(catalog, CatalogSearch.Featured(catalog, CardLimit)), quickReplies);

        var found = CatalogSearch.Find(catalog, message.Query, CardLimit);
        if (found.Matches.Count == 0)
            return new AssistantReply(phrases.NotFound, Cards(catalog, CatalogSearch.Featured(catalog, CardLimit)), quickReplies);

        // The best match being sold out is said plainly, and what can be bought comes first.
        return new AssistantReply(found.BestIsSoldOut ? phrases.FoundSoldOut : phrases.Found, Cards(catalog, found.Matches), quickReplies);
    }

    private static AssistantReply Discounts(CatalogIndex catalog, IReadOnlyList<ActiveDiscount> shareable, Phrases phrases,
        IReadOnlyList<QuickReplyOption> quickReplies)
    {
        // Only the merchant's picks, and only inside Messenger's 24-hour window after the shopper's last message.
        if (shareable.Count == 0)
            return new AssistantReply(phrases.NoDiscounts, Cards(catalog, CatalogSearch.Featured(catalog, CardLimit)), quickReplies);
        return new AssistantReply(phrases.Discounts + "\n" + CodeLines(shareable), [], UseCodeReplies(shareable).Concat(quickReplies).ToList());
    }

    /// <summary>
    /// "Any deals today?": what is marked down (in stock), and the codes the merchant lets the bot share when the window
    /// allows; with neither, the favourites.
    /// </summary>
    private static AssistantReply Deals(CatalogIndex catalog, IReadOnlyList<ActiveDiscount> shareable, Phrases phrases, ShortcutPhrases shortcuts,
        IReadOnlyList<QuickReplyOption> quickReplies)
    {
        var onSale = CatalogSearch.OnSale(catalog, CardLimit);
        if (onSale.Count == 0 && shareable.Count == 0)
            return new AssistantReply(shortcuts.NoDeals, Cards(catalog, CatalogSearch.Featured(catalog, CardLimit)), quickReplies);
        var parts = new List<string>(2);
        if (onSale.Count > 0) parts.Add(shortcuts.Deals);
        if (shareable.Count > 0) parts.Add(phrases.Discounts + "\n" + CodeLines(shareable));
        return new AssistantReply(string.Join("\n\n", parts), Cards(catalog, onSale), UseCodeReplies(shareable).Concat(quickReplies).ToList());
    }

    private static string CodeLines(IReadOnlyList<ActiveDiscount> shareable) =>
        string.Join("\n", shareable.Take(5).Select(d => $"• {d.Code}" + (string.IsNullOrEmpty(d.Summary) ? "" : $" — {d.Summary}")));

    // Tapping "Use CODE" is the shopper asking for it: the checkout link then carries it (SaleTurn).
    private static IEnumerable<QuickReplyOption> UseCodeReplies(IReadOnlyList<ActiveDiscount> shareable) =>
        shareable.Take(3).Select(d => new QuickReplyOption("Use " + d.Code, $"{SaleTurn.PayloadCode}|{d.Code}"));

    /// <summary>"Cheapest jacket": the reply names the product at that end of the prices, cards follow in price order.</summary>
    private static AssistantReply PriceEnd(CatalogIndex catalog, ProductQuery query, PriceOrder order, Phrases phrases,
        StorePhrases storePhrases, IReadOnlyList<QuickReplyOption> quickReplies)
    {
        var ranked = PriceSuperlatives.Rank(catalog, query, CardLimit);
        if (ranked.Count == 0)
            return new AssistantReply(phrases.NotFound, Cards(catalog, CatalogSearch.Featured(catalog, CardLimit)), quickReplies);
        var first = ranked[0];
        var named = string.Format(CultureInfo.InvariantCulture, order == PriceOrder.Cheapest ? storePhrases.Cheapest : storePhrases.MostExpensive,
            first.Item.Product.Title, catalog.Money.Format(first.Variant!.Price));
        return new AssistantReply(named, Cards(catalog, ranked), quickReplies);
    }

    private static IReadOnlyList<ProductCard> Cards(CatalogIndex catalog, IEnumerable<ProductMatch> matches) =>
        matches.Select(m => ProductCardFactory.Create(catalog, m)).ToList();

    private static string Format(string template, string shopName) => string.Format(CultureInfo.InvariantCulture, template, shopName);
}
