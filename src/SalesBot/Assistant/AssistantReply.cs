namespace SalesBot.Assistant;

/// <summary>
/// What the assistant answers: words (from the model or the phrase book), product cards built from
/// the catalog, quick replies, and whether a person should take over the conversation. <see cref="CheckoutUrl"/> is the
/// cart permalink built by code (sent as a button, see ReplyBuilder); <see cref="CheckoutLine"/> is the cart's first line,
/// which a tracked checkout click is counted for.
/// </summary>
public sealed record AssistantReply(
    string Text,
    IReadOnlyList<ProductCard> Cards,
    IReadOnlyList<QuickReplyOption> QuickReplies,
    bool HandOff = false,
    string? CheckoutUrl = null,
    Memory.CartLine? CheckoutLine = null);

/// <summary>A product card: every field comes from the catalog, never from a model. <see cref="VariantId"/> is the GID of the variant on offer (the one <see cref="BuyUrl"/> puts in the cart).</summary>
public sealed record ProductCard(
    string ProductId,
    string Title,
    string Subtitle,
    string? ImageUrl,
    string ProductUrl,
    string? BuyUrl,
    string? Price,
    bool InStock,
    string? VariantId = null);

public sealed record QuickReplyOption(string Title, string Payload);

/// <summary>
/// The input of one turn. <see cref="SharedCodes"/> are the codes the merchant lets the bot share (none by default).
/// <see cref="ConversationKey"/> names the conversation whose memory (products shown, cart) the turn reads and updates;
/// opaque to the assistant (Messenger passes "{pageId}:{psid}"), null for a one-off question with no memory.
/// </summary>
public sealed record AssistantRequest(
    CatalogIndex Catalog,
    string Text,
    string? Payload,
    IReadOnlyList<HistoryLine> History,
    bool MayPromote,
    IReadOnlySet<string>? SharedCodes = null,
    string? ConversationKey = null)
{
    /// <summary>
    /// The codes this turn may mention: picked by the merchant, still active and eligible in the current catalog (a
    /// code that expired or became single-use since it was picked drops out by itself), and only inside the promotion window.
    /// </summary>
    public IReadOnlyList<ActiveDiscount> ShareableDiscounts()
    {
        if (!MayPromote || SharedCodes is not { Count: > 0 } picked) return [];
        var comparer = StringComparer.OrdinalIgnoreCase;
        return Catalog.Discounts.Where(d => picked.Contains(d.Code, comparer)).ToList();
    }
}

public sealed record HistoryLine(string Role, string Text);

public interface IShopAssistant
{
    Task<AssistantReply> ReplyAsync(AssistantRequest request, CancellationToken cancellationToken);
}
