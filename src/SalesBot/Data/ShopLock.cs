using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Data;

/// <summary>
/// Serializes work on one shop's catalog across every instance, so two instances applying webhooks
/// (or a poll and a webhook) never publish over each other's edit. On PostgreSQL it is a session advisory
/// lock keyed by the shop (released by the server if the instance dies); on SQLite, which means a
/// single instance, an in-process lock is all there is to take.
/// </summary>
public sealed class ShopLock(IDbContextFactory<SalesBotDbContext> db)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IAsyncDisposable> AcquireAsync(string shop, CancellationToken cancellationToken)
    {
        // In-process first: one database session per shop and instance waits, the others queue here.
        var local = _local.GetOrAdd(shop, _ => new SemaphoreSlim(1, 1));
        await local.WaitAsync(cancellationToken);
        SalesBotDbContext? context = null;
        try
        {
            context = await db.CreateDbContextAsync(cancellationToken);
            if (!context.Database.IsNpgsql())
            {
                await context.DisposeAsync();
                return new Held(local, null, 0);
            }
            var key = KeyFor(shop);
            await context.Database.OpenConnectionAsync(cancellationToken);
            await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({key})", cancellationToken);
            return new Held(local, context, key);
        }
        catch
        {
            if (context is not null) await context.DisposeAsync();
            local.Release();
            throw;
        }
    }

    /// <summary>A stable 64-bit key per shop, in a namespace of its own ("shop:") so it cannot meet the schema lock.</summary>
    internal static long KeyFor(string shop) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("salesbot-shop:" + shop.ToLowerInvariant())), 0);

    private sealed class Held(SemaphoreSlim local, SalesBotDbContext? context, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (context is not null)
                {
                    await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})");
                    await context.DisposeAsync();
                }
            }
            finally
            {
                local.Release();
            }
        }
    }
}
