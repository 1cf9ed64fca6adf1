using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Facebook;

/// <summary>
/// The merchant console's inbox over the Messenger part's conversations: the list, one transcript, take over, reply as a
/// person, hand back, and a cheap change check for live updates. Every call is scoped to one shop: a conversation on a
/// page that does not sell for that shop is not found.
/// </summary>
public sealed class ConversationInbox(
    IDbContextFactory<SalesBotDbContext> dbFactory,
    ConversationStore conversations,
    PageStore pages,
    SendApiClient send,
    ThreadControlClient threads,
    Insights.InsightsRecorder insights,
    TimeProvider time,
    ILogger<ConversationInbox> logger)
{
    public const int MaxConversations = 100;
    public const int MaxTranscriptLines = 500;

    /// <summary>The shop's conversations, most recent first.</summary>
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string shop, CancellationToken cancellationToken)
    {
        // Messenger conversations are kept under the page, Instagram ones under its Instagram account: both are the shop's.
        var shopPages = await pages.ListAccountsForShopAsync(shop, cancellationToken);
        if (shopPages.Count == 0) return [];
        var pageIds = shopPages.Select(p => p.AccountId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var recent = await db.ConversationMessages.AsNoTracking()
            .Where(m => pageIds.Contains(m.PageId))
            .GroupBy(m => new { m.PageId, m.Psid })
            .Select(g => new { g.Key.PageId, g.Key.Psid, LastId = g.Max(m => m.Id) })
            .OrderByDescending(c => c.LastId).Take(MaxConversations)
            .ToListAsync(cancellationToken);
        if (recent.Count == 0) return [];
        var lastIds = recent.Select(c => c.LastId).ToList();
        var lastLines = await db.ConversationMessages.AsNoTracking().Where(m => lastIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var psids = recent.Select(c => c.Psid).Distinct().ToList();
        var shopperLast = (await db.ConversationMessages.AsNoTracking()
                .Where(m => pageIds.Contains(m.PageId) && psids.Contains(m.Psid) && m.Role == "user")
                .GroupBy(m => new { m.PageId, m.Psid })
                .Select(g => new { g.Key.PageId, g.Key.Psid, LastId = g.Max(m => m.Id) })
                .ToListAsync(cancellationToken))
            .ToDictionary(c => new ConversationKey(c.PageId, c.Psid), c => c.LastId);
        var handoffs = (await db.ConversationHandoffs.AsNoTracking()
                .Where(h => pageIds.Contains(h.PageId) && psids.Contains(h.Psid)).ToListAsync(cancellationToken))
            .ToDictionary(h => new ConversationKey(h.PageId, h.Psid));
        var accounts = shopPages.GroupBy(p => p.AccountId).ToDictionary(g => g.Key, g => g.First());
        var now = time.GetUtcNow();
        return recent.Select(c =>
        {
            var key = new ConversationKey(c.PageId, c.Psid);
            return Summarize(key, accounts[c.PageId], lastLines[c.LastId], handoffs.GetValueOrDefault(key), shopperLast.GetValueOrDefault(key), now);
        }).ToList();
    }

    /// <summary>One conversation with its transcript (null when the shop has no such conversation); marks it read.</summary>
    public async Task<ConversationView?> GetAsync(string shop, ConversationKey key, CancellationToken cancellationToken)
    {
        if (await AccountAsync(shop, key, cancellationToken) is not { } pageName) return null;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lines = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.PageId == key.PageId && m.Psid == key.Psid)
            .OrderByDescending(m => m.Id).Take(MaxTranscriptLines).ToListAsync(cancellationToken);
        if (lines.Count == 0) return null;
        lines.Reverse();
        var handoff = await conversations.HandoffAsync(key, cancellationToken);
        var shopperLines = lines.Where(l => l.Role == "user").ToList();
        var now = time.GetUtcNow();
        var summary = Summarize(key, pageName, lines[^1], handoff, shopperLines.LastOrDefault()?.Id ?? 0, now);
        var lastWrote = shopperLines.LastOrDefault()?.At;
        await conversations.MarkReadAsync(key, lines[^1].Id, cancellationToken);
        return new ConversationView(summary,
            lines.Select(l => new TranscriptLine(l.Id, l.Role, DisplayText(l), ShownCard.FromJson(l.CardsJson), l.At)).ToList(),
            MessagingWindows.For(lastWrote, now), lastWrote, MessagingWindows.ClosesAt(lastWrote, now));
    }

    /// <summary>The merchant takes the conversation: the bot stays quiet until handed back. False when not found.</summary>
    public async Task<bool> TakeOverAsync(string shop, ConversationKey key, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(shop, key, cancellationToken)) return false;
        // The console replies through the bot's app, so a thread the Page Inbox holds comes back first; refused, nothing changes.
        if (!await TakeThreadBackAsync(key, cancellationToken)) return true;
        await conversations.TakeOverAsync(key, cancellationToken);
        logger.LogInformation("A merchant took over a conversation on page {PageId}", key.PageId);
        return true;
    }

    /// <summary>Back to the bot: it answers the shopper's next message. False when not found.</summary>
    public async Task<bool> HandBackAsync(string shop, ConversationKey key, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(shop, key, cancellationToken)) return false;
        if (!await TakeThreadBackAsync(key, cancellationToken)) return true;
        await conversations.HandBackAsync(key, cancellationToken);
        logger.LogInformation("A merchant handed a conversation on page {PageId} back to the bot", key.PageId);
        return true;
    }

    /// <summary>
    /// Sends what the merchant typed, as a person: <c>RESPONSE</c> within 24 hours of the shopper's last message,
    /// <c>HUMAN_AGENT</c> up to 7 days, nothing after that. Replying takes the conversation over (the bot goes quiet).
    /// </summary>
    public async Task<ReplyOutcome> ReplyAsPersonAsync(string shop, ConversationKey key, string? text, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(shop, key, cancellationToken)) return ReplyOutcome.NotFound;
        text = text?.Trim() ?? "";
        if (text.Length == 0) return ReplyOutcome.Empty;
        if (text.Length > OutgoingMessage.MaxTextLength) return ReplyOutcome.TooLong;

        var window = MessagingWindows.For(await ShopperLastWroteAsync(key, cancellationToken), time.GetUtcNow());
        if (window == MessagingWindow.Closed) return ReplyOutcome.WindowClosed;
        if (await pages.GetAccountAsync(key.PageId, cancellationToken) is not { } page) return ReplyOutcome.PageDisconnected;
        // A person's words are sent as written, never split: on Instagram one message holds 1000 UTF-8 bytes.
        if (!page.Limits.Fits(text)) return ReplyOutcome.TooLong;

        if (!await TakeThreadBackAsync(key, cancellationToken)) return ReplyOutcome.Failed;
        // The bot goes quiet first, so a shopper message arriving meanwhile is not answered by both.
        await conversations.TakeOverAsync(key, cancellationToken);
        var result = await send.SendAsPersonAsync(page.Token, key.Psid, text, window, cancellationToken);
        switch (result)
        {
            case SendResult.Sent:
                await conversations.AppendAsync(key, "human", text, cancellationToken);
                // Its echo carries our app id and is not counted there, so the console's reply is counted here.
                await insights.PersonMessageAsync(shop, page.PageId, cancellationToken);
                return window == MessagingWindow.Standard ? ReplyOutcome.Sent : ReplyOutcome.SentWithHumanAgentTag;
            case SendResult.TokenRejected:
                await pages.MarkDisconnectedAsync(page.PageId, cancellationToken);
                return ReplyOutcome.PageDisconnected;
            case SendResult.OutsideWindow:
                return ReplyOutcome.RefusedOutsideWindow;
            case SendResult.Unreachable:
                return ReplyOutcome.Unreachable;
            default:
                logger.LogWarning("A console reply on page {PageId} was not delivered: {Result}", key.PageId, result);
                return ReplyOutcome.Failed;
        }
    }

    /// <summary>
    /// A cheap fingerprint of the shop's conversations (newest history line, latest state change, how many wait for a person):
    /// it changes whenever a message or a state change is recorded, on this instance or any other sharing the database.
    /// </summary>
    public async Task<InboxChange> ChangeAsync(string shop, CancellationToken cancellationToken)
    {
        var pageIds = (await pages.ListAccountsForShopAsync(shop, cancellationToken)).Select(p => p.AccountId).ToList();
        if (pageIds.Count == 0) return new InboxChange("empty", 0);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var lastLine = await db.ConversationMessages.Where(m => pageIds.Contains(m.PageId)).MaxAsync(m => (long?)m.Id, cancellationToken) ?? 0;
        var handoffs = db.ConversationHandoffs.Where(h => pageIds.Contains(h.PageId));
        var lastChange = await handoffs.MaxAsync(h => (DateTimeOffset?)h.ChangedAt, cancellationToken);
        var waiting = await handoffs.CountAsync(h => h.State == HandoffState.Waiting, cancellationToken);
        return new InboxChange($"{lastLine}:{lastChange?.ToUnixTimeMilliseconds() ?? 0}:{waiting}", waiting);
    }

    /// <summary>
    /// While the Page Inbox owns the thread (the shopper was handed to a person there), the console's actions go through the bot's
    /// app, which must own the thread to send: <c>take_thread_control</c> first. False when Graph refused (nothing may change then).
    /// </summary>
    private async Task<bool> TakeThreadBackAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        if (!await conversations.ThreadWithAnotherAppAsync(key, cancellationToken)) return true;
        if (await pages.GetAccountAsync(key.PageId, cancellationToken) is not { } page) return false;
        var taken = await threads.TakeAsync(page.Token, key.Psid, "salesbot: taken back from the console", cancellationToken);
        if (taken == ThreadControlResult.TokenRejected) await pages.MarkDisconnectedAsync(page.PageId, cancellationToken);
        if (taken != ThreadControlResult.Done)
            logger.LogWarning("Taking the thread back from the Page Inbox on page {PageId} failed: {Result}", key.PageId, taken);
        return taken == ThreadControlResult.Done;
    }

    /// <summary>The page (or its Instagram account) when it sells for the shop, else null (another shop's page is not found).</summary>
    private async Task<ShopAccount?> AccountAsync(string shop, ConversationKey key, CancellationToken cancellationToken) =>
        (await pages.ListAccountsForShopAsync(shop, cancellationToken)).FirstOrDefault(p => p.AccountId == key.PageId);

    private async Task<bool> ExistsAsync(string shop, ConversationKey key, CancellationToken cancellationToken)
    {
        if (await AccountAsync(shop, key, cancellationToken) is null) return false;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConversationMessages.AnyAsync(m => m.PageId == key.PageId && m.Psid == key.Psid, cancellationToken);
    }

    private async Task<DateTimeOffset?> ShopperLastWroteAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConversationMessages.Where(m => m.PageId == key.PageId && m.Psid == key.Psid && m.Role == "user")
            .OrderByDescending(m => m.Id).Select(m => (DateTimeOffset?)m.At).FirstOrDefaultAsync(cancellationToken);
    }

    private static ConversationSummary Summarize(ConversationKey key, ShopAccount account, ConversationMessage last, ConversationHandoff? handoff,
        long lastShopperLineId, DateTimeOffset now)
    {
        var state = handoff?.EffectiveState(now) ?? HandoffState.Bot;
        var quietUntil = handoff is { State: HandoffState.Waiting or HandoffState.Paused, Until: { } until } && until > now ? until : (DateTimeOffset?)null;
        return new ConversationSummary(key.PageId, account.Name, key.Psid, ShortPsid(key.Psid), state, handoff?.BotMayAnswer(now) ?? true, quietUntil,
            DisplayText(last), last.Role, last.At, lastShopperLineId > (handoff?.ReadThroughId ?? 0)) { Channel = account.Channel };
    }

    /// <summary>The last characters of a PSID: enough to tell shoppers apart, without spelling out their id.</summary>
    public static string ShortPsid(string psid) => psid.Length <= 6 ? psid : "…" + psid[^6..];

    /// <summary>An assistant line without the "[cards: …]" summary the model reads, when the cards themselves are kept.</summary>
    private static string DisplayText(ConversationMessage line)
    {
        if (line.CardsJson is null) return line.Text;
        var cut = line.Text.LastIndexOf("\n[cards: ", StringComparison.Ordinal);
        return cut >= 0 ? line.Text[..cut] : line.Text;
    }
}

/// <summary>One row of the inbox list. <see cref="State"/> is a <see cref="HandoffState"/> value as the console shows it.</summary>
public sealed record ConversationSummary(
    string PageId, string PageName, string Psid, string ShortPsid, string State, bool BotAnswers, DateTimeOffset? QuietUntil,
    string LastLine, string LastRole, DateTimeOffset LastAt, bool Unread)
{
    public bool Waiting => State == HandoffState.Waiting;

    /// <summary>Messenger, or Instagram (then <see cref="PageId"/> is the Instagram account and <see cref="PageName"/> its @username).</summary>
    public MessagingChannel Channel { get; init; } = MessagingChannel.Messenger;
}

public sealed record ConversationView(
    ConversationSummary Summary, IReadOnlyList<TranscriptLine> Lines, MessagingWindow Window, DateTimeOffset? ShopperLastWrote, DateTimeOffset? WindowClosesAt);

/// <summary>A transcript line: <see cref="Role"/> is <c>user</c>, <c>assistant</c> or <c>human</c>; assistant lines may carry cards.</summary>
public sealed record TranscriptLine(long Id, string Role, string Text, IReadOnlyList<ShownCard> Cards, DateTimeOffset At);

/// <summary><see cref="Version"/> changes whenever the shop's conversations do; <see cref="Waiting"/> is how many wait for a person.</summary>
public sealed record InboxChange(string Version, int Waiting);

public enum ReplyOutcome
{
    /// <summary>Sent as <c>RESPONSE</c> (within 24 hours).</summary>
    Sent,
    /// <summary>Sent as <c>MESSAGE_TAG</c> with <c>HUMAN_AGENT</c> (between 24 hours and 7 days).</summary>
    SentWithHumanAgentTag,
    NotFound,
    Empty,
    TooLong,
    /// <summary>More than 7 days since the shopper last wrote: nothing was sent.</summary>
    WindowClosed,
    /// <summary>Meta refused it as outside the allowed window (error 10 / 2018278).</summary>
    RefusedOutsideWindow,
    PageDisconnected,
    Unreachable,
    Failed,
}
