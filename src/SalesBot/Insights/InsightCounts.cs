namespace SalesBot.Insights;

/// <summary>The counts of <see cref="InsightDay"/>, as a delta to add or as a total read back.</summary>
public sealed record InsightCounts(
    long Conversations = 0,
    long ShopperMessages = 0,
    long BotMessages = 0,
    long PersonMessages = 0,
    long Handoffs = 0,
    long CardsShown = 0,
    long BuyClicks = 0)
{
    public static readonly InsightCounts Zero = new();

    /// <summary>Messages of every kind: shopper, bot and person.</summary>
    public long Messages => ShopperMessages + BotMessages + PersonMessages;

    /// <summary>Buy clicks per card shown, or null before any card was shown.</summary>
    public double? ClickRate => CardsShown == 0 ? null : (double)BuyClicks / CardsShown;

    public static InsightCounts operator +(InsightCounts a, InsightCounts b) => new(
        a.Conversations + b.Conversations, a.ShopperMessages + b.ShopperMessages, a.BotMessages + b.BotMessages,
        a.PersonMessages + b.PersonMessages, a.Handoffs + b.Handoffs, a.CardsShown + b.CardsShown, a.BuyClicks + b.BuyClicks);

    internal static InsightCounts Of(InsightDay row) => new(
        row.Conversations, row.ShopperMessages, row.BotMessages, row.PersonMessages, row.Handoffs, row.CardsShown, row.BuyClicks);
}
