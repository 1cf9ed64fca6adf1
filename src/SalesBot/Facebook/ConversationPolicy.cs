using SalesBot.Assistant;
using SalesBot.Assistant.Settings;

namespace SalesBot.Facebook;

/// <summary>
/// What the merchant's settings make of a turn on one page, asked once per shopper message by
/// <see cref="ConversationTurn"/>: whether the bot speaks at all there (<see cref="PageBotSwitches"/>), which codes it
/// may share, how long a handoff pauses it, and how its reply opens or what it says outside business hours
/// (<see cref="AssistantSettingsService"/>).
/// </summary>
public sealed class ConversationPolicy(PageBotSwitches switches, AssistantSettingsService settings, FacebookApp app, TimeProvider time)
{
    public async Task<TurnPolicy> ForAsync(PageCredentials page, CancellationToken cancellationToken)
    {
        if (!await switches.IsBotOnAsync(page.PageId, cancellationToken)) return TurnPolicy.Silent;
        var shop = await settings.GetAsync(page.Shop, cancellationToken);
        return new TurnPolicy(true, shop, shop.HandoffPause ?? app.HandoffPause, time.GetUtcNow());
    }

    /// <summary>The pause after a page admin replies by hand: the shop's choice, else the app-wide default.</summary>
    public async Task<TimeSpan> HandoffPauseAsync(PageCredentials? page, CancellationToken cancellationToken) =>
        page is null ? app.HandoffPause : (await settings.GetAsync(page.Shop, cancellationToken)).HandoffPause ?? app.HandoffPause;
}

/// <summary>The settings as one turn applies them, at <see cref="Now"/>.</summary>
public sealed record TurnPolicy(bool BotOn, ShopAssistantSettings Settings, TimeSpan HandoffPause, DateTimeOffset Now)
{
    /// <summary>The bot is off on the page: record the message, send nothing.</summary>
    public static TurnPolicy Silent { get; } = new(false, ShopAssistantSettings.Defaults, TimeSpan.Zero, default);

    public IReadOnlySet<string> SharedCodes => Settings.SharedCodes;

    /// <summary>
    /// The reply as the shopper gets it. Outside business hours a request for a person is answered with the
    /// out-of-hours reply (saying when someone is back) and does not pause the bot: no one could take over, so the bot
    /// keeps helping until then. The first reply of a conversation (no one has answered yet) opens with the greeting
    /// and the automated-assistant line.
    /// </summary>
    public AssistantReply Shape(AssistantReply reply, IReadOnlyList<HistoryLine> history, string shopName, string shopperText)
    {
        if (reply.HandOff && !Settings.IsStaffedAt(Now))
        {
            var phrases = Phrases.For(ShopperMessage.Parse(shopperText).Language);
            reply = new AssistantReply(Settings.OutOfHoursText(Now), [], [new QuickReplyOption(phrases.Discover, ShopperMessage.PayloadBrowse)]);
        }
        var isFirstReply = history.All(h => h.Role == "user");
        if (isFirstReply && Settings.FirstReplyOpening(shopName) is { } opening)
            reply = reply with { Text = string.IsNullOrWhiteSpace(reply.Text) ? opening : opening + "\n\n" + reply.Text };
        return reply;
    }
}
