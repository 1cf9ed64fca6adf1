using System.Text.Json;
using SalesBot.Assistant;

namespace SalesBot.Facebook;

/// <summary>A product card as the shopper saw it in a reply, kept with the history line so the console can show it again.</summary>
public sealed record ShownCard(string Title, string? Subtitle, string? ImageUrl, string ProductUrl, string? BuyUrl)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ShownCard From(ProductCard card) => new(card.Title, card.Subtitle, card.ImageUrl, card.ProductUrl, card.BuyUrl);

    /// <summary>The cards of one reply as stored in <see cref="ConversationMessage.CardsJson"/>; null when there are none.</summary>
    public static string? ToJson(IReadOnlyList<ShownCard>? cards) =>
        cards is null || cards.Count == 0 ? null : JsonSerializer.Serialize(cards.Take(OutgoingMessage.MaxElements), Json);

    public static IReadOnlyList<ShownCard> FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<ShownCard>>(json, Json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
