namespace SalesBot.Facebook;

/// <summary>
/// A shop's pages as its merchant manages them from the console: list, disconnect, and a test message to a shopper who
/// wrote recently. Every call names the signed-in shop and touches only that shop's pages.
/// </summary>
public sealed class ShopPages(
    PageStore pages,
    GraphClient graph,
    SendApiClient send,
    ConversationStore conversations,
    MessengerProfileSync profiles,
    TimeProvider time,
    ILogger<ShopPages> logger)
{
    /// <summary>
    /// Messenger's standard messaging window: a page may answer a person within 24 hours of their last message, with
    /// <c>messaging_type=RESPONSE</c> (developers.facebook.com/docs/messenger-platform/policy, "Standard messaging").
    /// </summary>
    public static readonly TimeSpan StandardWindow = TimeSpan.FromHours(24);

    public const int RecentShopperLimit = 20;
    public const int MaxTestTextLength = 640;

    public Task<IReadOnlyList<ShopPage>> ListAsync(string shop, CancellationToken cancellationToken) =>
        pages.ListForShopAsync(shop, cancellationToken);

    /// <summary>
    /// Unsubscribes the app from the page (so Facebook stops sending its messages), then forgets the token and marks the
    /// page disconnected. A token Facebook already rejects cannot unsubscribe anything and is forgotten all the same.
    /// </summary>
    public async Task<DisconnectOutcome> DisconnectAsync(string shop, string pageId, CancellationToken cancellationToken)
    {
        var listed = (await pages.ListForShopAsync(shop, cancellationToken)).FirstOrDefault(p => p.PageId == pageId);
        if (listed is null) return DisconnectOutcome.NotFound;
        if (listed.Preconfigured) return DisconnectOutcome.Preconfigured;
        if (listed.State == ShopPageState.Disconnected) return DisconnectOutcome.Disconnected;

        if (await pages.GetForShopAsync(shop, pageId, cancellationToken) is { } credentials)
        {
            try
            {
                await graph.UnsubscribeAsync(pageId, credentials.Token, cancellationToken);
                // The welcome screen and menu would otherwise keep offering a bot that no longer answers.
                await profiles.RemoveAsync(credentials, cancellationToken);
            }
            catch (GraphException e) when (e.Code == 190)
            {
                logger.LogInformation("Page {PageId}'s token is no longer valid, so there was no subscription left to remove", pageId);
            }
            catch (Exception e) when (e is GraphException or HttpRequestException)
            {
                // The page stays connected: forgetting the token now would leave the app subscribed with no way to undo it.
                logger.LogWarning("Could not unsubscribe the app from page {PageId}: {Error}", pageId, e.Message);
                return DisconnectOutcome.FacebookRefused;
            }
        }
        await pages.ForgetAsync(shop, pageId, cancellationToken);
        logger.LogInformation("Page {PageId} disconnected from {Shop} by its merchant", pageId, shop);
        return DisconnectOutcome.Disconnected;
    }

    /// <summary>Shoppers of the shop's page who wrote within the standard window; empty for a page of another shop.</summary>
    public async Task<IReadOnlyList<RecentShopper>> RecentShoppersAsync(string shop, string pageId, CancellationToken cancellationToken)
    {
        if (!(await pages.ListForShopAsync(shop, cancellationToken)).Any(p => p.PageId == pageId)) return [];
        return await conversations.RecentShoppersAsync(pageId, time.GetUtcNow() - StandardWindow, RecentShopperLimit, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="text"/> as the page to <paramref name="psid"/>, who must have written to this shop's page within
    /// the standard window; the message joins the conversation's history as a person's line, as the shopper sees it.
    /// </summary>
    public async Task<TestMessageOutcome> SendTestAsync(string shop, string pageId, string psid, string text, CancellationToken cancellationToken)
    {
        if (!(await pages.ListForShopAsync(shop, cancellationToken)).Any(p => p.PageId == pageId)) return TestMessageOutcome.NotFound;
        var page = await pages.GetForShopAsync(shop, pageId, cancellationToken);
        if (page is null) return TestMessageOutcome.NotConnected;
        var recent = await conversations.RecentShoppersAsync(pageId, time.GetUtcNow() - StandardWindow, RecentShopperLimit, cancellationToken);
        if (!recent.Any(r => r.Psid == psid)) return TestMessageOutcome.NoRecentShopper;

        var result = await send.SendMessageAsync(page.Token, psid, new OutgoingMessage(text), cancellationToken);
        switch (result)
        {
            case SendResult.Sent:
                await conversations.AppendAsync(new ConversationKey(pageId, psid), "human", text, cancellationToken);
                return TestMessageOutcome.Sent;
            case SendResult.TokenRejected:
                await pages.MarkDisconnectedAsync(pageId, cancellationToken);
                return TestMessageOutcome.TokenRejected;
            case SendResult.Unreachable:
                return TestMessageOutcome.Unreachable;
            default:
                return TestMessageOutcome.Failed;
        }
    }
}

public enum DisconnectOutcome { Disconnected, NotFound, Preconfigured, FacebookRefused }

public enum TestMessageOutcome { Sent, NotFound, NotConnected, NoRecentShopper, TokenRejected, Unreachable, Failed }
