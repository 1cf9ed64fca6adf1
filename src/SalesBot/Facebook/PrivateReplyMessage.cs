using SalesBot.Assistant;

namespace SalesBot.Facebook;

/// <summary>
/// The assistant's answer as the one message a private reply may be: text, with the products it found named with their
/// price (cards cannot follow in a second message), kept within the Send API's text limit.
/// </summary>
public static class PrivateReplyMessage
{
    public static OutgoingMessage From(AssistantReply reply)
    {
        var lines = new List<string> { reply.Text.Trim() };
        lines.AddRange(reply.Cards.Take(OutgoingMessage.MaxElements).Select(c => c.Price is null ? $"• {c.Title}" : $"• {c.Title} — {c.Price}"));
        var text = string.Join("\n", lines.Where(l => l.Length > 0));
        if (text.Length > OutgoingMessage.MaxTextLength) text = text[..(OutgoingMessage.MaxTextLength - 1)] + "…";
        return new OutgoingMessage(text);
    }
}
