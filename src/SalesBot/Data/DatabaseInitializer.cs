using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using SalesBot.Data.Migrations;

namespace SalesBot.Data;

/// <summary>
/// Brings the schema up to date before the app serves requests (hosted services start before Kestrel): applies the
/// provider's pending migrations (Migrations/), under an advisory lock on PostgreSQL so instances starting together
/// queue instead of racing. A database made by EnsureCreated before there were migrations is adopted: its tables are
/// the baseline migration's, which is recorded as applied so that only the later migrations run.
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
    /// starting together on an empty PostgreSQL database queue on this lock instead of racing the migrations.
    /// </summary>
    private const long SchemaLockKey = 0x53616c6573426f74; // "SalesBot"

    /// <summary>The name of migration 1 in both sets: the schema as EnsureCreated made it before there were migrations.</summary>
    public const string BaselineMigration = "Baseline";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var app = await factory.CreateDbContextAsync(cancellationToken);
        await using var db = MigrationContexts.For(app);
        IReadOnlyList<string> applied;
        if (db.Database.IsNpgsql())
            applied = await MigrateUnderLockAsync(db, cancellationToken);
        else
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            applied = await MigrateAsync(db, cancellationToken);
        }
        logger.LogInformation("Database ready ({Provider}; migrations applied now: {Applied})",
            db.Database.ProviderName, applied.Count == 0 ? "none" : string.Join(", ", applied));

        var missing = await FindMissingTablesAsync(db, cancellationToken);
        if (missing.Count > 0)
            logger.LogError(
                "The database lacks the tables {Tables}: most likely EnsureCreated made it from an older SalesBot, before there were " +
                "migrations, and it was adopted as the baseline without them (or they were dropped by hand), so features using them " +
                "will fail. Back up the database, then point DATABASE_URL (or DATA_DIR for SQLite) at an empty database, or drop " +
                "SalesBot's tables, and restart: the app creates the whole schema. Installed shops and connected pages must then be " +
                "installed and connected again.",
                string.Join(", ", missing));
    }

    /// <summary>
    /// Applies every pending migration; returns their ids. A database with SalesBot's tables but no migrations history
    /// was made by EnsureCreated, whose schema is exactly the baseline migration's: that one is recorded, not run.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(SalesBotDbContext db, CancellationToken cancellationToken)
    {
        await AdoptEnsureCreatedDatabaseAsync(db, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    /// <summary>True when the database had tables but no history and the baseline was recorded as applied.</summary>
    internal static async Task<bool> AdoptEnsureCreatedDatabaseAsync(SalesBotDbContext db, CancellationToken cancellationToken)
    {
        // Asked of the catalog, not IHistoryRepository.ExistsAsync: Npgsql's answered true here for a dropped history table.
        var existing = await ExistingTablesAsync(db, cancellationToken);
        if (existing.Contains(HistoryRepository.DefaultTableName)) return false;
        if (!ModelTables(db).Any(existing.Contains)) return false; // empty: the migrations make everything
        var history = db.GetService<IHistoryRepository>();

        var baseline = db.GetService<IMigrationsAssembly>().Migrations.Keys
            .Single(id => id.EndsWith("_" + BaselineMigration, StringComparison.Ordinal));
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        return true;
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
        var existing = await ExistingTablesAsync(db, cancellationToken);
        return ModelTables(db).Where(t => !existing.Contains(t)).Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> ModelTables(SalesBotDbContext db) =>
        db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct();

    private static async Task<HashSet<string>> ExistingTablesAsync(SalesBotDbContext db, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsNpgsql()
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'";
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<string>> MigrateUnderLockAsync(SalesBotDbContext db, CancellationToken cancellationToken)
    {
        // A missing database is created through the maintenance database; that cannot take a lock in a
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
            // A session lock on the context's own connection, which the migrator then uses for its checks and DDL.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({SchemaLockKey})", cancellationToken);
            try
            {
                var applied = await MigrateAsync(db, cancellationToken);
                await EnsureFirstKeyAsync(db, cancellationToken);
                return applied;
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
