using Microsoft.Extensions.Options;
using SalesBot.Assistant;
using SalesBot.Configuration;
using SalesBot.Insights;
using SalesBot.Shopify.Auth;

namespace SalesBot.Facebook;

/// <summary>
/// One turn of one conversation: echoes from a page admin pause the bot; standby messages (another app owns the thread) are
/// recorded, never answered; a handover event moves the thread; a shopper's messages (several, when batched) get
/// <c>mark_seen</c>, <c>typing_on</c>, one answer from the shop's catalog, and the Send API calls. Asking for a person
/// passes the thread to the Page Inbox (Conversation Routing), or pauses the bot where the page does not route there.
/// </summary>
public sealed class ConversationTurn(
    FacebookApp app,
    PageStore pages,
    CatalogProvider catalogs,
    ConversationStore conversations,
    IShopAssistant assistant,
    ShopInstallState installs,
    ConversationPolicy policies,
    SendApiClient send,
    ThreadControlClient threads,
    InsightsRecorder insights,
    TimeProvider time,
    IOptions<AppOptions> appOptions,
    ILogger<ConversationTurn> logger)
{
    /// <summary>Messenger's standard window: promotions only within 24 hours of the shopper's last message.</summary>
    public static readonly TimeSpan PromotionWindow = TimeSpan.FromHours(24);

    public Task HandleAsync(MessengerEvent e, CancellationToken cancellationToken) => HandleAsync([e], cancellationToken);

    /// <summary>
    /// A turn: one event, or several text messages from the shopper batched by <see cref="ConversationDispatcher"/>, answered
    /// as one (the texts in order, one per history line).
    /// </summary>
    public async Task HandleAsync(IReadOnlyList<MessengerEvent> turn, CancellationToken cancellationToken)
    {
        var e = turn[^1];
        var key = new ConversationKey(e.PageId, e.Psid);
        switch (e.Kind)
        {
            case MessengerEventKind.Echo:
                await HandleEchoAsync(e, key, cancellationToken);
                return;
            case MessengerEventKind.Standby:
                await HandleStandbyAsync(e, key, cancellationToken);
                return;
            case MessengerEventKind.Handover:
                await conversations.ThreadOwnerChangedAsync(key, e.AppId!, app.AppId, cancellationToken);
                logger.LogInformation("Thread control on page {PageId} went to app {AppId}", e.PageId, e.AppId);
                return;
        }
        var text = string.Join("\n", turn.Select(t => t.Text).Where(t => !string.IsNullOrWhiteSpace(t)));

        var page = await pages.GetAccountAsync(e.PageId, cancellationToken);
        if (page is null)
        {
            logger.LogWarning("Message for page {PageId}, which is not connected; connect it at /facebook/login", e.PageId);
            return;
        }
        logger.LogDebug("Shopper on page {PageId} wrote {Text} ({Payload}) in {Count} messages", e.PageId, text, e.Payload, turn.Count);
        var history = await conversations.RecentAsync(key, cancellationToken);
        foreach (var message in turn)
        {
            await conversations.AppendAsync(key, "user", message.Text, cancellationToken);
            await insights.ShopperMessageAsync(page.Shop, page.PageId, e.Psid, cancellationToken);
        }
        if (await conversations.BotStaysQuietAsync(key, cancellationToken))
        {
            logger.LogInformation("Conversation on page {PageId} is with a person; the bot stays quiet", e.PageId);
            return;
        }
        var policy = await policies.ForAsync(page, cancellationToken);
        if (!policy.BotOn)
        {
            logger.LogInformation("The bot is off on page {PageId}; the message is recorded and nothing is sent", e.PageId);
            return;
        }

        // The shops table is shared, so an uninstall stops every instance's pages at once, even one that still holds the catalog.
        if (await installs.IsUninstalledAsync(page.Shop, cancellationToken))
        {
            catalogs.Forget(page.Shop);
            logger.LogInformation("Page {PageId} sells for {Shop}, which uninstalled the app; no products are offered", e.PageId, page.Shop);
            await SendOrGiveUpAsync(page, () => send.SendMessageAsync(page.Token, e.Psid, new OutgoingMessage(ClosedReply), cancellationToken), cancellationToken);
            return;
        }

        if (!await SendOrGiveUpAsync(page, () => send.SendActionAsync(page.Token, e.Psid, "mark_seen", cancellationToken), cancellationToken)) return;
        if (!await SendOrGiveUpAsync(page, () => send.SendActionAsync(page.Token, e.Psid, "typing_on", cancellationToken), cancellationToken)) return;

        var catalog = await catalogs.GetAsync(page.Shop, cancellationToken);
        if (catalog is null)
        {
            logger.LogWarning("No catalog snapshot for shop {Shop} yet; page {PageId} cannot answer", page.Shop, page.PageId);
            await SendOrGiveUpAsync(page, () => send.SendMessageAsync(page.Token, e.Psid,
                new OutgoingMessage(NoCatalogReply(page.Shop)), cancellationToken), cancellationToken);
            return;
        }

        var lastMessageAt = DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp);
        var mayPromote = time.GetUtcNow() - lastMessageAt < PromotionWindow;
        // A batch carries no payload: only a lone quick reply or postback is a button press (the dispatcher never merges those).
        var payload = turn.Count == 1 ? e.Payload : null;
        var reply = await assistant.ReplyAsync(new AssistantRequest(catalog, text, payload, history, mayPromote, policy.SharedCodes, key.MemoryKey), cancellationToken);
        // Out of hours Shape turns a request for a person into the out-of-hours reply, which hands nothing off.
        reply = policy.Shape(reply, history, catalog.Shop.Name, text);
        if (reply.HandOff)
        {
            // Quiet first, so nothing the shopper sends while the reply goes out is answered by the bot.
            await conversations.ShopperAskedForPersonAsync(key, policy.HandoffPause, cancellationToken);
            await insights.HandoffAsync(page.Shop, page.PageId, cancellationToken);
        }

        // Instagram's own limits (text of 1000 UTF-8 bytes) shape the same reply: split, never cut off or refused.
        foreach (var message in ReplyBuilder.Build(reply, insights.BuyLinksFor(page.Shop, page.PageId), page.Limits))
        {
            if (!await SendOrGiveUpAsync(page, () => send.SendMessageAsync(page.Token, e.Psid, message, cancellationToken), cancellationToken))
                return;
            await insights.BotMessageAsync(page.Shop, page.PageId, ReplyBuilder.CardCount(message), cancellationToken);
        }
        await conversations.AppendAsync(key, "assistant", DescribeForHistory(reply), cancellationToken,
            reply.Cards.Take(OutgoingMessage.MaxElements).Select(ShownCard.From).ToList());
        if (reply.HandOff) await PassToPersonAsync(page, key, policy.HandoffPause, cancellationToken);
    }

    /// <summary>What Page Inbox gets with the thread: why it came, never the shopper's words.</summary>
    internal const string HandoffMetadata = "salesbot: the shopper asked for a person";

    /// <summary>
    /// After the reply saying a person will answer (sent while the bot still owns the thread), the thread goes to the Page Inbox:
    /// waiting with no expiry until it comes back. A page that does not route to the Page Inbox refuses the pass; the bot then
    /// just stays quiet for the handoff pause, as it did before Conversation Routing.
    /// </summary>
    private async Task PassToPersonAsync(PageCredentials page, ConversationKey key, TimeSpan pause, CancellationToken cancellationToken)
    {
        if (page.Channel == MessagingChannel.Instagram)
        {
            // The Page Inbox id (263902037430900) is Messenger's; Instagram routes to the Instagram app's inbox, which is not
            // passed to here: the merchant answers from the console (or the Instagram app) while the bot stays paused.
            logger.LogInformation("Instagram shopper on page {PageId} asked for a person; the bot is paused for {Pause}", page.PageId, pause);
            return;
        }
        var passed = await threads.PassToPageInboxAsync(page.Token, key.Psid, HandoffMetadata, cancellationToken);
        if (passed == ThreadControlResult.Done)
        {
            await conversations.PassedToAnotherAppAsync(key, cancellationToken);
            logger.LogInformation("Shopper on page {PageId} asked for a person; the thread went to the Page Inbox", page.PageId);
            return;
        }
        logger.LogInformation("Shopper on page {PageId} asked for a person; the Page Inbox pass was {Result}, so the bot is paused for {Pause}",
            page.PageId, passed, pause);
    }

    /// <summary>Another app owns the thread: the shopper's message is kept for the transcript and the inbox, and never answered.</summary>
    private async Task HandleStandbyAsync(MessengerEvent e, ConversationKey key, CancellationToken cancellationToken)
    {
        await conversations.AppendAsync(key, "user", e.Text ?? e.Payload, cancellationToken);
        if (await pages.GetAccountAsync(e.PageId, cancellationToken) is { } page)
            await insights.ShopperMessageAsync(page.Shop, page.PageId, e.Psid, cancellationToken);
        logger.LogInformation("Standby message on page {PageId}: another app owns the thread; the bot stays quiet", e.PageId);
    }

    /// <summary>What a shopper hears on a page whose shop uninstalled the app: no products, no prices.</summary>
    internal const string ClosedReply = "Sorry, this shop isn't taking orders through Messenger at the moment.";

    /// <summary>
    /// A real shopper hears the catalog is on its way; in the sandbox the one chatting is whoever runs the app,
    /// and the likely cause is that they have not installed the demo store yet, so they are told where.
    /// </summary>
    internal string NoCatalogReply(string shop) => app.IsSandbox
        ? $"(Sandbox) {shop} has no catalog yet, so there is nothing to answer from. Install the store first: open "
          + $"{appOptions.Value.BaseUrlTrimmed}/shopify/{shop}/login and click Install, then ask again. "
          + "(If you just installed it, give the first sync a few seconds.)"
        : "Our catalog is being updated — please try again in a few minutes.";

    private async Task HandleEchoAsync(MessengerEvent e, ConversationKey key, CancellationToken cancellationToken)
    {
        // Our own messages come back as echoes too (the bot's and a merchant's console replies, already in the history);
        // only a message sent by another app, Meta's Page inbox, means a page admin stepped in.
        if (e.AppId == app.AppId) return;
        var page = await pages.GetAccountAsync(e.PageId, cancellationToken);
        if (page?.Channel == MessagingChannel.Instagram && e.AppId is null)
        {
            // Instagram's echoes (with the messages field) need not name the sending app, and one without an app id cannot be
            // told apart from the bot's own reply: pausing on it would silence the bot after every answer.
            logger.LogDebug("Instagram echo without an app id on account {InstagramAccountId}; left alone", e.PageId);
            return;
        }
        var pause = await policies.HandoffPauseAsync(page, cancellationToken);
        await conversations.PageAdminRepliedAsync(key, pause, cancellationToken);
        await conversations.AppendAsync(key, "human", e.Text, cancellationToken);
        if (page is not null) await insights.PersonMessageAsync(page.Shop, page.PageId, cancellationToken);
        logger.LogInformation("A page admin replied by hand on page {PageId}; bot paused for {Pause}", e.PageId, pause);
    }

    /// <summary>Sends, and acts on failures: a rejected token disconnects the page, an unreachable shopper ends the turn.</summary>
    private async Task<bool> SendOrGiveUpAsync(PageCredentials page, Func<Task<SendResult>> sendCall, CancellationToken cancellationToken)
    {
        var result = await sendCall();
        switch (result)
        {
            case SendResult.Sent:
                return true;
            case SendResult.TokenRejected:
                await pages.MarkDisconnectedAsync(page.PageId, cancellationToken);
                return false;
            case SendResult.NotThreadOwner:
                logger.LogInformation("Another app controls the thread on page {PageId} (2018300); reply dropped", page.PageId);
                return false;
            case SendResult.Unreachable:
                logger.LogInformation("Shopper on page {PageId} cannot be reached (551); reply dropped", page.PageId);
                return false;
            default:
                logger.LogWarning("Reply on page {PageId} not delivered: {Result}", page.PageId, result);
                return false;
        }
    }

    /// <summary>The history keeps what the shopper saw, cards included, so the model can refer back to them.</summary>
    private static string DescribeForHistory(AssistantReply reply)
    {
        var text = reply.Cards.Count == 0 ? reply.Text : reply.Text + "\n[cards: " + string.Join("; ", reply.Cards.Select(c => $"{c.Title} {c.Price}")) + "]";
        // The merchant's inbox shows which cart the shopper was sent to; the model's fact check drops the link if it repeats it.
        return reply.CheckoutUrl is null ? text : text + "\n[checkout button: " + reply.CheckoutUrl + "]";
    }
}
