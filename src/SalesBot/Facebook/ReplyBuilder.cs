using SalesBot.Assistant;
using SalesBot.Insights;

namespace SalesBot.Facebook;

/// <summary>
/// Turns an <see cref="AssistantReply"/> into Send API messages: text split at sentence boundaries
/// under Messenger's 2000 characters, then one generic template with the cards; quick replies ride
/// on the last message because Messenger shows them only there. With a <see cref="BuyLinkIssuer"/>, a card's Buy
/// button points at the app's tracked link (<c>/go/{token}</c>, counted, then redirected to the cart permalink); the
/// assistant's card keeps the real URL for its own facts and history. A checkout is a button template: the reply's last
/// words (at most 640 characters) with a "Checkout" URL button, tracked like a Buy button (counted for the cart's first line).
/// The channel's <see cref="ChannelLimits"/> bound every text: on Instagram 1000 UTF-8 bytes, so a long answer becomes
/// more messages there, each cut on a sentence or word boundary.
/// </summary>
public static class ReplyBuilder
{
    public static IReadOnlyList<OutgoingMessage> Build(AssistantReply reply, BuyLinkIssuer? buyLinks = null, ChannelLimits? limits = null)
    {
        limits ??= ChannelLimits.Messenger;
        var maxChars = Math.Min(limits.MaxTextChars, reply.CheckoutUrl is null ? OutgoingMessage.MaxTextLength : OutgoingMessage.MaxButtonTextLength);
        var messages = SplitText(reply.Text, maxChars, limits.MaxTextBytes)
            .Select(chunk => new OutgoingMessage(chunk)).ToList();
        if (reply.CheckoutUrl is { } checkout)
        {
            var url = reply.CheckoutLine is { } line && buyLinks is not null ? buyLinks.Track(line.ProductId, line.VariantId, checkout) : checkout;
            var button = TemplateButton.Link("Checkout", url);
            if (messages.Count == 0) messages.Add(OutgoingMessage.Buttons("Your checkout is ready.", [button]));
            else messages[^1] = OutgoingMessage.Buttons(messages[^1].Text!, [button]);
        }
        if (reply.Cards.Count > 0)
            messages.Add(OutgoingMessage.Cards(reply.Cards.Take(limits.MaxElements).Select(card => ToElement(card, buyLinks)).ToList()));
        if (messages.Count > 0 && reply.QuickReplies.Count > 0)
        {
            var quick = reply.QuickReplies.Take(limits.MaxQuickReplies).Select(q => QuickReply.Text(q.Title, q.Payload)).ToList();
            messages[^1] = messages[^1] with { QuickReplies = quick };
        }
        return messages;
    }

    public static GenericElement ToElement(ProductCard card, BuyLinkIssuer? buyLinks = null)
    {
        // The View button and the card's tap stay direct: only a Buy click is an outcome worth counting.
        var buttons = new List<TemplateButton> { TemplateButton.Link("View", card.ProductUrl) };
        if (card.BuyUrl is not null)
            buttons.Add(TemplateButton.Link("Buy", buyLinks?.Track(card.ProductId, card.VariantId, card.BuyUrl) ?? card.BuyUrl));
        return new GenericElement(card.Title, card.Subtitle, card.ImageUrl, new DefaultAction("web_url", card.ProductUrl), buttons);
    }

    /// <summary>How many product cards a message carries (0 for text).</summary>
    public static int CardCount(OutgoingMessage message) => message.Attachment?.Payload.Elements?.Count ?? 0;

    /// <summary>
    /// Splits at sentence ends, then at spaces, then hard (never inside a surrogate pair), so no chunk exceeds <paramref name="max"/>
    /// characters nor <paramref name="maxBytes"/> bytes of UTF-8.
    /// </summary>
    public static IReadOnlyList<string> SplitText(string text, int max, int maxBytes = int.MaxValue)
    {
        text = text.Trim();
        if (text.Length == 0) return [];
        var chunks = new List<string>();
        while (true)
        {
            var fits = CharsFitting(text, max, maxBytes);
            if (fits >= text.Length) break;
            chunks.Add(Cut(ref text, fits));
        }
        if (text.Length > 0) chunks.Add(text);
        return chunks;
    }

    private static string Cut(ref string text, int max)
    {
        var cut = LastBoundary(text, max, ". ", "! ", "? ", "\n")
            ?? LastBoundary(text, max, " ")
            ?? max;
        var chunk = text[..cut].Trim();
        text = text[cut..].Trim();
        return chunk;
    }

    /// <summary>How many leading characters of <paramref name="text"/> fit in <paramref name="max"/> characters and <paramref name="maxBytes"/> UTF-8 bytes.</summary>
    private static int CharsFitting(string text, int max, int maxBytes)
    {
        var limit = Math.Min(text.Length, max);
        if (maxBytes == int.MaxValue) return limit;
        var bytes = 0;
        for (var i = 0; i < limit; i++)
        {
            var pair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            var size = pair ? 4 : text[i] < 0x80 ? 1 : text[i] < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes || (pair && i + 2 > limit)) return i;
            bytes += size;
            if (pair) i++;
        }
        return limit;
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
