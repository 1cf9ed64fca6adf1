namespace SalesBot.Facebook;

/// <summary>
/// Finds the Instagram professional account linked to a connected page and records it with the page (PageStore owns it), so
/// its <c>object: "instagram"</c> webhooks map back to the page and its shop. A refusal (the merchant did not grant
/// instagram_basic, Graph is away) is logged and leaves the page served on Messenger only.
/// </summary>
public sealed class InstagramLink(GraphClient graph, PageStore pages, ILogger<InstagramLink> logger)
{
    public async Task<InstagramAccount?> LinkAsync(string pageId, string pageToken, CancellationToken cancellationToken)
    {
        InstagramAccount? account;
        try
        {
            account = await graph.GetInstagramAccountAsync(pageId, pageToken, cancellationToken);
        }
        catch (Exception e) when (e is GraphException or HttpRequestException)
        {
            logger.LogWarning("Could not look up the Instagram account of page {PageId}: {Error}", pageId, e.Message);
            return null;
        }
        await pages.SetInstagramAccountAsync(pageId, account, cancellationToken);
        if (account is null) logger.LogInformation("Page {PageId} has no Instagram professional account linked", pageId);
        else logger.LogInformation("Page {PageId} serves Instagram account {InstagramAccountId} too", pageId, account.Id);
        return account;
    }
}
