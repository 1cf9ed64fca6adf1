using SalesBot.Assistant;

namespace SalesBot.Facebook;

/// <summary>
/// Turns an <see cref="AssistantReply"/> into Send API messages: text split at sentence boundaries
/// under Messenger's 2000 characters, then one generic template with the cards; quick replies ride
/// on the last message because Messenger shows them only there.
/// </summary>
public static class ReplyBuilder
{
    public static IReadOnlyList<OutgoingMessage> Build(AssistantReply reply)
    {
        var messages = SplitText(reply.Text, OutgoingMessage.MaxTextLength)
            .Select(chunk => new OutgoingMessage(chunk)).ToList();
        if (reply.Cards.Count > 0)
            messages.Add(OutgoingMessage.Cards(reply.Cards.Take(OutgoingMessage.MaxElements).Select(ToElement).ToList()));
        if (messages.Count > 0 && reply.QuickReplies.Count > 0)
        {
            var quick = reply.QuickReplies.Take(OutgoingMessage.MaxQuickReplies).Select(q => QuickReply.Text(q.Title, q.Payload)).ToList();
            messages[^1] = messages[^1] with { QuickReplies = quick };
        }
        return messages;
    }

    public static GenericElement ToElement(ProductCard card)
    {
        var buttons = new List<TemplateButton> { TemplateButton.Link("View", card.ProductUrl) };
        if (card.BuyUrl is not null) buttons.Add(TemplateButton.Link("Buy", card.BuyUrl));
        return new GenericElement(card.Title, card.Subtitle, card.ImageUrl, new DefaultAction("web_url", card.ProductUrl), buttons);
    }

    /// <summary>Splits at sentence ends, then at spaces, then hard, so no chunk exceeds <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> SplitText(string text, int max)
    {
        text = text.Trim();
        if (text.Length == 0) return [];
        var chunks = new List<string>();
        while (text.Length > max)
        {
            var cut = LastBoundary(text, max, ". ", "! ", "? ", "\n")
                ?? LastBoundary(text, max, " ")
                ?? max;
            chunks.Add(text[..cut].Trim());
            text = text[cut..].Trim();
        }
        if (text.Length > 0) chunks.Add(text);
        return chunks;
    }

    private static int? LastBoundary(string text, int max, params string[] separators)
    {
        var best = -1;
        foreach (var separator in separators)
        {
            var i = text.LastIndexOf(separator, max - 1, StringComparison.Ordinal);
            // Keep the punctuation with its sentence; a cut in the first half would leave tiny chunks.
            if (i > max / 2 && i + 1 > best) best = i + 1;
        }
        return best > 0 ? Math.Min(best, max) : null;
    }
}
