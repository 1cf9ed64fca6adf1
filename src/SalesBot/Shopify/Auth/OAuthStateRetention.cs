using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Data;
using SalesBot.Data.Retention;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Deletes OAuth state nonces made longer ago than <c>RETENTION_OAUTH_STATES</c>, oldest first over the ExpiresAt index
/// (a nonce is made <see cref="OAuthStateStore.Lifetime"/> before it expires). At least the lifetime, so a live nonce is
/// never swept; an expired one is refused by <see cref="OAuthStateStore"/> whether or not it is still here.
/// </summary>
public sealed class OAuthStateRetention(IDbContextFactory<SalesBotDbContext> db, IOptions<RetentionOptions> options) : IRetentionSweep
{
    public static TimeSpan Minimum => OAuthStateStore.Lifetime;

    public string Table => "OAuthStates";

    public async Task<int> DeleteBatchAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await Expired(context, now, max).ExecuteDeleteAsync(cancellationToken);
    }

    internal IQueryable<OAuthState> Expired(SalesBotDbContext context, DateTimeOffset now, int max)
    {
        var expiredBefore = now - options.Value.OAuthStates + OAuthStateStore.Lifetime;
        return context.OAuthStates.Where(s => s.ExpiresAt < expiredBefore).OrderBy(s => s.ExpiresAt).Take(max);
    }
}
