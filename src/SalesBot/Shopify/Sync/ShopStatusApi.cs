using Microsoft.AspNetCore.Http.HttpResults;
using SalesBot.Data;
using SalesBot.Shopify.Admin;
using SalesBot.Shopify.Auth;
using SalesBot.Snapshots;

namespace SalesBot.Shopify.Sync;

/// <summary>Lets a merchant see what was published for a shop, whether a publish is still pending, and how the live sync last went, and the state of its token.</summary>
public static class ShopStatusApi
{
    private const int RecentRows = 20;

    public static RouteGroupBuilder MapShopStatus(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/shopify/{shop}").WithTags("Snapshots");
        // Only the signed-in merchant of this shop: the status names its token's health and sync failures.
        group.MapGet("/status", GetStatus).RequireMerchantOfRouteShop();
        return group;
    }

    private static async Task<Results<Ok<ShopStatus>, BadRequest<ApiError>, NotFound<ApiError>>> GetStatus(
        string shop, SnapshotPublisher snapshots, SyncStatusStore syncStatus, SyncRunHistory runs, ShopAccessTokens tokens,
        ShopThrottleRegistry throttles, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ShopDomain.TryParse(shop, out var domain)) return TypedResults.BadRequest(new ApiError(ShopDomain.ErrorMessage(shop)));
        var snapshot = await snapshots.StatusAsync(domain, cancellationToken);
        var sync = await syncStatus.GetAsync(domain, cancellationToken);
        // A shop that must authorize again may have nothing published yet, and its status must still say so.
        var authorization = await tokens.StatusAsync(domain, cancellationToken);
        if (snapshot is null && sync is null && authorization is null) return TypedResults.NotFound(new ApiError($"Nothing is known about {domain} yet."));
        // The newest few of the 30-day histories: the console shows them all, the JSON stays small.
        var since = time.GetUtcNow() - HistoryRetention.Window;
        var publishes = (await snapshots.HistoryAsync(domain, since, cancellationToken)).Take(RecentRows).ToList();
        var recentRuns = (await runs.RecentAsync(domain, since, cancellationToken)).Take(RecentRows).ToList();
        return TypedResults.Ok(new ShopStatus(domain, snapshot, sync, authorization, publishes, recentRuns, throttles.Usage(domain)));
    }
}

