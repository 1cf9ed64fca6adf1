using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesBot.Facebook;
using SalesBot.Shopify.Auth;

namespace SalesBot.MerchantConsole.Inbox;

/// <summary>
/// <c>GET /console/inbox/events</c>: a server-sent event stream that says when the signed-in shop's conversations change
/// (a message, a state change) and how many wait for a person. Instances behind a load balancer share only the
/// database, so the stream polls it (a max-id / max-changed-at check over the shop's pages) rather than listening to
/// an in-process event that a change recorded on another instance would never raise.
/// </summary>
public static class InboxEventsApi
{
    public const string Path = InboxLinks.List + "/events";
    public const string EventType = "inbox";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>An unchanged state is sent again this often, so proxies and load balancers do not close an idle stream.</summary>
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(25);

    public static RouteGroupBuilder MapInboxEvents(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(InboxLinks.List).RequireAuthorization(MerchantSession.Policy).RequireRateLimiting(RateLimits.Console)
            .WithTags("Console").ExcludeFromDescription();
        group.MapGet("/events", Stream);
        return group;
    }

    private static ServerSentEventsResult<InboxChange> Stream(HttpContext http, IServiceScopeFactory scopes, TimeProvider time)
    {
        var shop = MerchantSession.From(http.User)!.Shop;
        // Proxies that buffer responses would hold the events back.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        return TypedResults.ServerSentEvents(ChangesAsync(shop, scopes, time, http.RequestAborted), EventType);
    }

    /// <summary>
    /// The current state at once (the nav badge needs it), then one item each time it differs from the last sent, and the
    /// same again after <see cref="KeepAlive"/> of silence (console.js ignores a version it already has).
    /// </summary>
    private static async IAsyncEnumerable<InboxChange> ChangesAsync(string shop, IServiceScopeFactory scopes, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PollInterval, time);
        string? sent = null;
        var sentAt = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            InboxChange change;
            await using (var scope = scopes.CreateAsyncScope())
                change = await scope.ServiceProvider.GetRequiredService<ConversationInbox>().ChangeAsync(shop, cancellationToken);
            if (change.Version != sent || time.GetUtcNow() - sentAt >= KeepAlive)
            {
                sent = change.Version;
                sentAt = time.GetUtcNow();
                yield return change;
            }
            if (!await timer.WaitForNextTickAsync(cancellationToken)) yield break;
        }
    }
}
