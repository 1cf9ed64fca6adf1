using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SalesBot.Data;

/// <summary>
/// Creates the schema before the app serves requests (hosted services start before Kestrel).
/// EnsureCreated keeps one model for both providers; see the README for why there are no migrations yet.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<SalesBotDbContext> factory,
    IKeyManager keys,
    IOptions<KeyManagementOptions> keyOptions,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    /// <summary>
    /// Any fixed number works as long as nothing else in the database uses it; instances of SalesBot
    /// starting together on an empty PostgreSQL database queue on this lock instead of racing EnsureCreated.
    /// </summary>
    private const long SchemaLockKey = 0x53616c6573426f74; // "SalesBot"

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        bool created;
        if (db.Database.IsNpgsql())
            created = await EnsureCreatedUnderLockAsync(db, cancellationToken);
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            created = await db.Database.EnsureCreatedAsync(cancellationToken);
        }
        logger.LogInformation("Database ready ({Provider}{Created})", db.Database.ProviderName, created ? ", created" : "");

        var missing = await FindMissingTablesAsync(db, cancellationToken);
        if (missing.Count > 0)
            logger.LogError(
                "The database lacks the tables {Tables}: it was created by an older SalesBot, and the schema is only created in an empty " +
                "database (there are no migrations yet), so features using them will fail. Back up the database, then point DATABASE_URL " +
                "(or DATA_DIR for SQLite) at an empty database, or drop SalesBot's tables, and restart: the app creates the whole schema. " +
                "Installed shops and connected pages must then be installed and connected again.",
                string.Join(", ", missing));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Instances that find no Data Protection key each create one at start. If two do so at once, each encrypts
    /// with its own key, and the other reloads its key ring only in its first minutes or a day later: tokens one
    /// wrote could not be read by the other in between. Creating the first key under the schema lock leaves one.
    /// </summary>
    private async Task EnsureFirstKeyAsync(SalesBotDbContext db, CancellationToken cancellationToken)
    {
        // The key store, not the old table: the ring may live in Spaces (reading it there first imports the table's keys).
        if (keys.GetAllKeys().Count > 0) return;
        var now = time.GetUtcNow();
        keys.CreateNewKey(activationDate: now, expirationDate: now + keyOptions.Value.NewKeyLifetime);
    }

    /// <summary>The model's tables that the database does not have (empty when the schema is complete).</summary>
    public static async Task<IReadOnlyList<string>> FindMissingTablesAsync(SalesBotDbContext db, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'";
        var existing = (await db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>()
            .Distinct().Where(t => !existing.Contains(t)).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<bool> EnsureCreatedUnderLockAsync(SalesBotDbContext db, CancellationToken cancellationToken)
    {
        // EnsureCreated creates a missing database through the maintenance database; that cannot take a lock in a
        // database that does not exist yet, so only a creation race there is forgiven (another instance won it).
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try { await creator.CreateAsync(cancellationToken); }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // A session lock on the context's own connection, which EnsureCreated then uses for its checks and CREATEs.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken);
            try
            {
                var created = await db.Database.EnsureCreatedAsync(cancellationToken);
                await EnsureFirstKeyAsync(db, cancellationToken);
                return created;
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({SchemaLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
