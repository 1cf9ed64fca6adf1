using Microsoft.Extensions.AI;
using SalesBot.Assistant.Memory;

namespace SalesBot.Assistant;

/// <summary>
/// The model writes the words; code supplies the facts. The model searches the catalog through
/// <see cref="CatalogTools"/> and acts on the conversation's memory through <see cref="CartTools"/> (the state is given
/// to it each turn by <see cref="SaleContext"/>); its text passes <see cref="FactChecker"/>, the cards are built from
/// the catalog for the products it named (or found), and a checkout link is built and attached by code, never written
/// by the model. Memory is read before and saved after the turn, as in catalog-only mode. If the model fails, the
/// catalog-only assistant answers instead, on the same memory, so a shopper always gets a reply.
/// </summary>
public sealed class LlmShopAssistant(IChatClient chat, ConversationMemoryStore? memories, ILogger<LlmShopAssistant> logger) : IShopAssistant
{
    private const int CardLimit = 5;

    /// <summary>With no memory store: every turn is a one-off question (tests of the model's words alone).</summary>
    public LlmShopAssistant(IChatClient chat, ILogger<LlmShopAssistant> logger) : this(chat, null, logger) { }

    public async Task<AssistantReply> ReplyAsync(AssistantRequest request, CancellationToken cancellationToken)
    {
        if (request.ConversationKey is not { } key || memories is null)
            return (await ReplyAsync(request, ConversationMemory.Empty, cancellationToken)).Reply;
        var memory = await memories.GetAsync(key, cancellationToken);
        var (reply, updated) = await ReplyAsync(request, memory, cancellationToken);
        if (updated != memory) await memories.SaveAsync(key, request.Catalog.Shop.MyshopifyDomain, updated, cancellationToken);
        return reply;
    }

    public async Task<(AssistantReply Reply, ConversationMemory Memory)> ReplyAsync(AssistantRequest request, ConversationMemory memory, CancellationToken cancellationToken)
    {
        // Buttons (quick replies carry the catalog-only rules' payloads) and explicit requests for a person need no model.
        var parsed = ShopperMessage.Parse(request.Text, request.Payload);
        if (parsed.Intent == ShopperIntent.Human || (request.Payload is not null && parsed.Intent != ShopperIntent.Search)
            || request.Payload?.StartsWith("SALE_", StringComparison.Ordinal) == true)
            return CatalogOnlyAssistant.Reply(request, memory);

        var catalog = request.Catalog;
        var shareable = request.ShareableDiscounts();
        var tools = new CatalogTools(catalog, request.MayPromote, shareable);
        var cart = new CartTools(request, memory, tools);
        var messages = new List<ChatMessage> { new(ChatRole.System, SystemPrompt.For(catalog, shareable.Count > 0)) };
        foreach (var line in request.History)
            messages.Add(new ChatMessage(line.Role == "user" ? ChatRole.User : ChatRole.Assistant, ChatLimits.Cap(line.Text, ChatLimits.ShopperText)));
        // The state right before the shopper's message, so it is the freshest thing the model reads.
        if (SaleContext.For(request, memory) is { } state) messages.Add(new ChatMessage(ChatRole.System, state));
        messages.Add(new ChatMessage(ChatRole.User, ChatLimits.Cap(request.Text, ChatLimits.ShopperText)));

        ChatResponse response;
        try
        {
            response = await chat.GetResponseAsync(messages, new ChatOptions { Tools = [.. tools.All, .. cart.All], Temperature = 0.3f, MaxOutputTokens = ChatLimits.MaxOutputTokens }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The model failed ({Error}); answering from the catalog alone", e.GetType().Name);
            return CatalogOnlyAssistant.Reply(request, memory);
        }

        var check = FactChecker.Check(response.Text ?? "", catalog, TurnFacts.For(request, tools, shareable));
        foreach (var correction in check.Corrections)
            logger.LogInformation("Fact check: {Correction}", correction);

        var phrases = Phrases.For(parsed.Language);
        var updated = cart.Memory;
        if (tools.HandOffRequested)
            return (new AssistantReply(string.IsNullOrWhiteSpace(check.Text) ? phrases.HandOff : check.Text, [], [], HandOff: true), updated);

        if (cart.Checkout is { Url: { } url } checkout)
        {
            // The facts of the checkout come from code, under whatever the model said; the link rides on a button.
            var facts = SaleTurn.CheckoutText(catalog, checkout);
            var words = string.IsNullOrWhiteSpace(check.Text) ? facts : check.Text + "\n" + facts;
            var first = checkout.Buyable[0].Line;
            return (new AssistantReply(words, [], [], CheckoutUrl: url, CheckoutLine: first), updated);
        }

        var cards = CardsFor(catalog, check.Mentioned, tools.SearchResults, updated);
        var text = string.IsNullOrWhiteSpace(check.Text) ? (cards.Count > 0 ? phrases.Found : phrases.NotFound) : check.Text;
        // Cards the shopper sees are what "the second one" means next turn, as in catalog-only mode.
        return (new AssistantReply(text, cards, phrases.DefaultQuickReplies(shareable.Count > 0)), updated.Show(cards.Select(c => c.ProductId)));
    }

    /// <summary>
    /// Cards for what the model talked about; if it named nothing, the best search hits. Buyable first. The product being
    /// discussed shows the variant its chosen options pin, so the card's price and Buy button match the words.
    /// </summary>
    private static IReadOnlyList<ProductCard> CardsFor(CatalogIndex catalog, IReadOnlyList<IndexedProduct> mentioned, IReadOnlyList<ProductMatch> searched,
        ConversationMemory memory)
    {
        var matches = mentioned.Count > 0
            ? mentioned.Select(i => Chosen(i, memory) ?? searched.FirstOrDefault(s => s.Item == i) ?? new ProductMatch(i, i.AvailableVariants.FirstOrDefault() ?? i.Product.Variants.Nodes[0], 0))
            : searched.Take(3);
        return matches.OrderByDescending(m => m.Item.InStock).Take(CardLimit).Select(m => ProductCardFactory.Create(catalog, m)).ToList();
    }

    private static ProductMatch? Chosen(IndexedProduct item, ConversationMemory memory) =>
        item.Product.Id == memory.ProductId && memory.Options.Count > 0
        && VariantChoice.For(item.Product, memory.Options).Matching.FirstOrDefault(v => v.AvailableForSale) is { } variant
            ? new ProductMatch(item, variant, 1)
            : null;
}
