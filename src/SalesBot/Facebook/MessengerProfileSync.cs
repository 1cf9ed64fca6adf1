using SalesBot.Assistant.Settings;

namespace SalesBot.Facebook;

/// <summary>
/// Puts the shop's Messenger profile on its pages (connect, settings saved, start for the pre-configured page) and takes
/// it off a page that is disconnected. A failure is logged and recorded for the console, never thrown: the bot answers
/// without a profile too.
/// </summary>
public sealed class MessengerProfileSync(
    GraphClient graph,
    PageStore pages,
    AssistantSettingsService settings,
    MessengerProfileStatus status,
    ILogger<MessengerProfileSync> logger)
{
    /// <summary>Sets the profile built from the shop's settings; the error Graph gave, or null when it was set.</summary>
    public async Task<string?> SetAsync(PageCredentials page, CancellationToken cancellationToken)
    {
        var profile = MessengerProfileBuilder.For(await settings.GetAsync(page.Shop, cancellationToken));
        string? error = null;
        try
        {
            await graph.SetMessengerProfileAsync(page.Token, profile, cancellationToken);
            logger.LogInformation("Messenger profile set on page {PageId}", page.PageId);
        }
        catch (Exception e) when (e is GraphException or HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            error = e.Message;
            logger.LogWarning("Could not set the Messenger profile of page {PageId}: {Error}", page.PageId, e.Message);
        }
        await status.RecordAsync(page.PageId, error, cancellationToken);
        return error;
    }

    /// <summary>Every page that sells for <paramref name="shop"/> and has a token gets the profile again (its settings changed).</summary>
    public async Task SetForShopAsync(string shop, CancellationToken cancellationToken)
    {
        foreach (var listed in await pages.ListForShopAsync(shop, cancellationToken))
        {
            if (listed.State != ShopPageState.Connected) continue;
            if (await pages.GetForShopAsync(shop, listed.PageId, cancellationToken) is { } page) await SetAsync(page, cancellationToken);
        }
    }

    /// <summary>Deletes the fields the app set; a failure is logged (the page goes on being disconnected).</summary>
    public async Task RemoveAsync(PageCredentials page, CancellationToken cancellationToken)
    {
        try
        {
            await graph.DeleteMessengerProfileAsync(page.Token, MessengerProfile.Fields, cancellationToken);
            logger.LogInformation("Messenger profile removed from page {PageId}", page.PageId);
        }
        catch (Exception e) when (e is GraphException or HttpRequestException)
        {
            logger.LogWarning("Could not remove the Messenger profile of page {PageId}: {Error}", page.PageId, e.Message);
        }
        await status.ForgetAsync(page.PageId, cancellationToken);
    }
}
