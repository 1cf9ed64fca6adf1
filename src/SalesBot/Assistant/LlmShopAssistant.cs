using Microsoft.Extensions.AI;

namespace SalesBot.Assistant;

/// <summary>
/// The model writes the words; code supplies the facts. The model searches the catalog through
/// <see cref="CatalogTools"/>, its text passes <see cref="FactChecker"/>, and the cards are built
/// from the catalog for the products it named (or found). If the model fails, the catalog-only
/// assistant answers instead, so a shopper always gets a reply.
/// </summary>
public sealed class LlmShopAssistant(IChatClient chat, ILogger<LlmShopAssistant> logger) : IShopAssistant
{
    private const int CardLimit = 5;

    public async Task<AssistantReply> ReplyAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        // Buttons and explicit requests for a person need no model: answer them the same way every time.
        var parsed = ShopperMessage.Parse(request.Text, request.Payload);
        if (parsed.Intent == ShopperIntent.Human || (request.Payload is not null && parsed.Intent != ShopperIntent.Search))
            return CatalogOnlyAssistant.Reply(request);

        var catalog = request.Catalog;
        var shareable = request.ShareableDiscounts();
        var tools = new CatalogTools(catalog, request.MayPromote, shareable);
        var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt.For(catalog, shareable.Count > 0)) };
        foreach (var line in request.History)
            messages.Add(new ChatMessage(line.Role == "user" ? ChatRole.User : ChatRole.Assistant, line.Text));
        messages.Add(new ChatMessage(ChatRole.User, request.Text));

        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(messages, new ChatOptions { Tools = tools.All, Temperature = 0.3f }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The model failed ({Error}); answering from the catalog alone", e.GetType().Name);
            return CatalogOnlyAssistant.Reply(request);
        }

        var check = FactChecker.Check(response.Text ?? "", catalog, TurnFacts.For(request, tools, shareable));
        foreach (var correction in check.Corrections)
            logger.LogInformation("Fact check: {Correction}", correction);

        var phrases = Phrases.For(parsed.Language);
        if (tools.HandOffRequested)
            return new AssistantReply(string.IsNullOrWhiteSpace(check.Text) ? phrases.HandOff : check.Text, [], [], HandOff: true);

        var cards = CardsFor(catalog, check.Mentioned, tools.SearchResults);
        var text = string.IsNullOrWhiteSpace(check.Text) ? (cards.Count > 0 ? phrases.Found : phrases.NotFound) : check.Text;
        return new AssistantReply(text, cards, phrases.DefaultQuickReplies(shareable.Count > 0));
    }

    /// <summary>Cards for what the model talked about; if it named nothing, the best search hits. Buyable first.</summary>
    private static IReadOnlyList<ProductCard> CardsFor(CatalogIndex catalog, IReadOnlyList<IndexedProduct> mentioned, IReadOnlyList<ProductMatch> searched)
    {
        var matches = mentioned.Count > 0
            ? mentioned.Select(i => searched.FirstOrDefault(s => s.Item == i) ?? new ProductMatch(i, i.AvailableVariants.FirstOrDefault() ?? i.Product.Variants.Nodes[0], 0))
            : searched.Take(3);
        return matches.OrderByDescending(m => m.Item.InStock).Take(CardLimit).Select(m => ProductCardFactory.Create(catalog, m)).ToList();
    }
}
