using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;
using SalesBot.Shopify;
using SalesBot.Shopify.Sync;
using SalesBot.Shopify.Auth;

namespace SalesBot.Snapshots;

/// <summary>Lets a merchant see what was published for a shop, whether a publish is still pending, and how the live sync last went.</summary>
public static class SnapshotStatusApi
{
    public static RouteGroupBuilder MapSnapshotStatus(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/shopify/{shop}").WithTags("Snapshots");
        group.MapGet("/status", GetStatus);
        return group;
    }

    private static async Task<Results<Ok<ShopStatus>, BadRequest<StatusError>, NotFound<StatusError>>> GetStatus(
        string shop, IDbContextFactory<SalesBotDbContext> databases, ISnapshotStore store, SyncStatusStore syncStatus, ShopAccessTokens tokens,
        CancellationToken cancellationToken)
    {
        if (!ShopDomain.TryParse(shop, out var domain)) return TypedResults.BadRequest(new StatusError(ShopDomain.ErrorMessage(shop)));
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.SnapshotPublications.AsNoTracking().SingleOrDefaultAsync(p => p.Shop == domain, cancellationToken);
        var sync = await syncStatus.GetAsync(domain, cancellationToken);
        // A shop that must authorize again may have nothing published yet, and its status must still say so.
        var authorization = await tokens.StatusAsync(domain, cancellationToken);
        if (row is null && sync is null && authorization is null) return TypedResults.NotFound(new StatusError($"Nothing is known about {domain} yet."));
        return TypedResults.Ok(new ShopStatus(domain, row is null ? null : SnapshotStatus.From(row, store.Kind), sync, authorization));
    }
}

public sealed record StatusError(string Error);
