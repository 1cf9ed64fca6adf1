using System.Text.RegularExpressions;
using SalesBot.Assistant;

namespace SalesBot.Facebook;

/// <summary>
/// Whether a comment asks about a product or a price, read with the Assistant's own understanding of a shopper's
/// message (<see cref="ShopperMessage"/>) and the shop's catalog: a product search that names something the catalog
/// knows, or a price range, and reads as a question. Praise, tags of friends and chatter are left alone.
/// </summary>
public static partial class CommentQuestion
{
    public static bool AsksAboutProducts(CatalogIndex catalog, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var message = ShopperMessage.Parse(text);
        if (message.Intent != ShopperIntent.Search) return false;
        var lower = ChatLimits.Cap(text, ChatLimits.ShopperText).ToLowerInvariant();
        var priced = message.Query.MinPrice is not null || message.Query.MaxPrice is not null || message.Query.Order is not null;
        var asks = lower.Contains('?') || AskingPattern().IsMatch(lower);
        return asks && (priced || catalog.KnowsAnyWord(message.Query.Text));
    }

    // Words that make a comment a question about buying, in the languages ShopperMessage reads.
    [GeneratedRegex(@"\b(price|prices|pricing|how much|cost|costs|sell|selling|available|in stock|stock|sizes?|colou?rs?|buy|order|ship|shipping|where can i|do you have|precio|cuánto|cuanto|prix|combien|preis|wie viel|kostet)\b", RegexOptions.None, RegexLimits.TimeoutMs)]
    private static partial Regex AskingPattern();
}
