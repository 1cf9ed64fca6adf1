using System.Text;

namespace SalesBot.Assistant.Memory;

/// <summary>
/// The conversation's memory as a short system message for the model, each turn: the products last shown with their
/// ordinals (so "the second one" is a handle), the product discussed with its chosen options, the cart with variant
/// titles, prices and quantities, and the code the shopper asked for. Facts from the catalog only; no ids, no links,
/// nothing secret. Empty memory gives no message.
/// </summary>
public static class SaleContext
{
    public static string? For(AssistantRequest request, ConversationMemory memory)
    {
        var catalog = request.Catalog;
        var money = catalog.Money;
        var text = new StringBuilder();
        var shown = memory.Shown.Select(catalog.FindById).OfType<IndexedProduct>().ToList();
        if (shown.Count > 0)
        {
            text.AppendLine("Products last shown to the shopper, in order:");
            for (var i = 0; i < shown.Count; i++)
                text.AppendLine($"{i + 1}. [[{shown[i].Product.Handle}]] {shown[i].Product.Title}, {money.Format(Alternatives.PriceOf(shown[i]))}{(shown[i].InStock ? "" : ", sold out")}");
        }
        if (memory.ProductId is { } id && catalog.FindById(id) is { } discussed)
        {
            text.Append($"Product being discussed: [[{discussed.Product.Handle}]] {discussed.Product.Title}");
            text.AppendLine(memory.Options.Count == 0 ? "; no options chosen yet." : "; options chosen: " + string.Join(", ", memory.Options.Select(o => $"{o.Key} {o.Value}")) + ".");
        }
        if (memory.Cart.Count > 0)
        {
            text.AppendLine("Cart:");
            foreach (var line in memory.Cart)
                text.AppendLine(CartLines.Variant(catalog, line) is { } v
                    ? $"- {line.Quantity} × {CartLines.Name(catalog, line)} at {money.Format(v.Price)} each{(v.AvailableForSale ? "" : " (sold out now)")}"
                    : $"- {line.Quantity} × an item no longer in the catalog");
            text.AppendLine($"Cart total: {money.Format(CartLines.Total(catalog, memory))}.");
        }
        else if (shown.Count > 0 || memory.ProductId is not null)
        {
            text.AppendLine("Cart: empty.");
        }
        if (memory.RequestedCode is { } code)
            text.AppendLine(CartLines.AllowedCode(request, code) is { } allowed
                ? $"The shopper asked for the code {allowed}; pass it to checkout."
                : "The shopper asked for a discount code that cannot be used now; do not mention it.");
        if (text.Length == 0) return null;
        return "Conversation state, kept by the system (trust it over the chat history; \"the second one\" means number 2 below):\n" + text.ToString().TrimEnd();
    }
}
