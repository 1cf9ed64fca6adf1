using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Shopify.Auth;

/// <summary>
/// Single-use, short-lived OAuth <c>state</c> nonces kept in the database, so any instance can check
/// a callback that another instance started. Consuming is one atomic DELETE: a replay finds nothing.
/// </summary>
public sealed class OAuthStateStore(IDbContextFactory<SalesBotDbContext> db, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task<string> CreateAsync(string purpose, string? shop, CancellationToken cancellationToken)
    {
        var state = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        // Expired nonces are swept here rather than by a timer: logins are rare and this keeps the table small.
        await context.OAuthStates.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        context.OAuthStates.Add(new OAuthState { State = state, Purpose = purpose, Shop = shop, ExpiresAt = now + Lifetime });
        await context.SaveChangesAsync(cancellationToken);
        return state;
    }

    /// <summary>True once for a live nonce of this purpose (and shop, when given); false ever after.</summary>
    public async Task<bool> TryConsumeAsync(string purpose, string state, string? shop, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var query = context.OAuthStates.Where(s => s.State == state && s.Purpose == purpose && s.ExpiresAt > now);
        if (shop is not null) query = query.Where(s => s.Shop == shop);
        return await query.ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// For a login whose shop is known only from its nonce (Facebook's page connect): consumes a nonce of this purpose
    /// whatever shop it names. Null when it is unknown or already used; otherwise the shop it was made for and whether
    /// it had expired (a consumed expired nonce is gone too).
    /// </summary>
    public async Task<ConsumedState?> ConsumeAsync(string purpose, string state, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var saved = await context.OAuthStates.AsNoTracking().FirstOrDefaultAsync(s => s.State == state && s.Purpose == purpose, cancellationToken);
        if (saved is null) return null;
        // Only the DELETE that removes the row wins: two callbacks racing with one nonce cannot both go on.
        if (await context.OAuthStates.Where(s => s.State == state && s.Purpose == purpose).ExecuteDeleteAsync(cancellationToken) != 1) return null;
        return new ConsumedState(saved.Shop, Expired: saved.ExpiresAt < time.GetUtcNow());
    }

    /// <summary>For <c>shop/redact</c>: logins started for the shop and never finished.</summary>
    public async Task ForgetShopAsync(string shop, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await context.OAuthStates.Where(s => s.Shop == shop).ExecuteDeleteAsync(cancellationToken);
    }
}

public sealed record ConsumedState(string? Shop, bool Expired);
