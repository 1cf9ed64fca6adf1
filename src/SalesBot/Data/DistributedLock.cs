using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace SalesBot.Data;

/// <summary>
/// Serializes work on one thing across every instance: a shop's catalog (so two instances never publish
/// over each other's edit) or a Messenger conversation (so its turns stay in order). On PostgreSQL it is a
/// session advisory lock keyed by a hash of the name (released by the server if the instance dies); on
/// SQLite, which means a single instance, an in-process lock is all there is to take.
/// </summary>
public sealed class DistributedLock(IDbContextFactory<SalesBotDbContext> db)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _local = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="name">What is locked, e.g. <c>shop:acme.myshopify.com</c>; names are case-insensitive.</param>
    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        // In-process first: one database session per name and instance waits, the others queue here.
        var local = _local.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
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
            var key = KeyFor(name);
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

    /// <summary>A stable 64-bit key per name, salted so it cannot meet the schema lock or another application's keys.</summary>
    internal static long KeyFor(string name) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("salesbot-lock:" + name.ToLowerInvariant())), 0);

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
