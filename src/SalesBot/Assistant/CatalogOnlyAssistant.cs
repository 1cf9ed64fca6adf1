using System.Globalization;

namespace SalesBot.Assistant;

/// <summary>
/// Answers from the catalog alone, with no model: intents and price words from
/// <see cref="ShopperMessage"/>, products from <see cref="CatalogIndex.Search"/>, sentences from
/// <see cref="Phrases"/>. Also the fallback when the model is unreachable.
/// </summary>
public sealed class CatalogOnlyAssistant : IShopAssistant
{
    public const int CardLimit = 5;

    public Task<AssistantReply> ReplyAsync(AssistantRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Reply(request));

    public static AssistantReply Reply(AssistantRequest request)
    {
        var catalog = request.Catalog;
        var message = ShopperMessage.Parse(request.Text, request.Payload);
        var phrases = Phrases.For(message.Language);
        var shareable = request.ShareableDiscounts();
        var quickReplies = phrases.DefaultQuickReplies(shareable.Count > 0);
        var shopName = catalog.Shop.Name;

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
        }

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
        var lines = shareable.Take(5).Select(d => $"• {d.Code}" + (string.IsNullOrEmpty(d.Summary) ? "" : $" — {d.Summary}"));
        return new AssistantReply(phrases.Discounts + "\n" + string.Join("\n", lines), [], quickReplies);
    }

    private static IReadOnlyList<ProductCard> Cards(CatalogIndex catalog, IEnumerable<ProductMatch> matches) =>
        matches.Select(m => ProductCardFactory.Create(catalog, m)).ToList();

    private static string Format(string template, string shopName) => string.Format(CultureInfo.InvariantCulture, template, shopName);
}
