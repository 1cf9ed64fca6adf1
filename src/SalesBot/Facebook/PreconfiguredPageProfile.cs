namespace SalesBot.Facebook;

/// <summary>
/// The page from <c>FACEBOOK_PAGE_*</c> (or the sandbox page) is never connected through Facebook Login, so its profile is
/// set (and its linked Instagram account looked up) once the app has started (in sandbox mode the Graph API it calls is the app itself, so not before). A failure is
/// logged and left: an exception escaping a BackgroundService would stop the whole host.
/// </summary>
public sealed class PreconfiguredPageProfile(FacebookApp app, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime,
    ILogger<PreconfiguredPageProfile> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (app.PreconfiguredPage is not { } page) return;
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // Its Instagram account too, as a Facebook Login connect would find it (a refusal is logged inside).
            await scope.ServiceProvider.GetRequiredService<InstagramLink>().LinkAsync(page.PageId, page.Token, stoppingToken);
            await scope.ServiceProvider.GetRequiredService<MessengerProfileSync>().SetAsync(page, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The database or Graph is away at start: the profile is set again on the next settings save or restart.
            logger.LogWarning(e, "Could not set the Messenger profile of the pre-configured page {PageId}", page.PageId);
        }
    }
}
