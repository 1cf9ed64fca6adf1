namespace SalesBot.Assistant;

/// <summary>
/// Bounds on what one turn reads and writes, so neither a pasted wall of text nor a runaway model costs more than a
/// normal turn: the checks run over capped text, and the model may write only so much.
/// </summary>
public static class ChatLimits
{
    /// <summary>A shopper message is read up to this many characters (Messenger allows 2,000; anything past that is noise).</summary>
    public const int ShopperText = 2000;

    /// <summary>Tokens the model may write in one answer; a sales reply of a few sentences needs far fewer.</summary>
    public const int MaxOutputTokens = 600;

    /// <summary>The model's text the fact check reads; past this it stops, so a huge output is never scanned whole.</summary>
    public const int ModelText = 4000;

    /// <summary>The checked reply the shopper gets: one Messenger text message.</summary>
    public const int ReplyText = 1800;

    /// <summary>Cut at the last sentence end (else space) before <paramref name="max"/> characters.</summary>
    public static string Cap(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text[..max];
        var end = cut.LastIndexOfAny(['.', '!', '?', '\n']);
        if (end < max / 2) end = cut.LastIndexOf(' ');
        return end > 0 ? cut[..(end + 1)].TrimEnd() : cut;
    }
}
