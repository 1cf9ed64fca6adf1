using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SalesBot.Data;
using SalesBot.Data.Migrations;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Data.Migrations;

/// <summary>
/// The two migration sets: each upgrades a filled database from the previous migration without losing a value, adopts
/// a database EnsureCreated made before there were migrations, and captures the whole model (so a model change made
/// without <c>scripts/add-migration</c> fails here, not at a customer's start).
/// </summary>
public sealed class SchemaMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public Task A_sqlite_database_filled_at_the_previous_migration_upgrades_keeping_every_row() =>
        WithSqliteAsync(UpgradeFromPreviousKeepsEveryRowAsync);

    [PostgresFact]
    public async Task A_postgres_database_filled_at_the_previous_migration_upgrades_keeping_every_row() =>
        await UpgradeFromPreviousKeepsEveryRowAsync(Postgres(await postgres.CreateDatabaseAsync()));

    [Fact]
    public Task A_sqlite_database_made_by_EnsureCreated_before_migrations_is_adopted_and_upgraded() =>
        WithSqliteAsync(EnsureCreatedDatabaseIsAdoptedAsync);

    [PostgresFact]
    public async Task A_postgres_database_made_by_EnsureCreated_before_migrations_is_adopted_and_upgraded() =>
        await EnsureCreatedDatabaseIsAdoptedAsync(Postgres(await postgres.CreateDatabaseAsync()));

    [Fact]
    public void Both_migration_sets_capture_every_change_of_the_model()
    {
        using SalesBotDbContext sqlite = new SqliteMigrationsDesignTimeFactory().CreateDbContext([]);
        using SalesBotDbContext npgsql = new PostgresMigrationsDesignTimeFactory().CreateDbContext([]);
        foreach (var db in new[] { sqlite, npgsql })
            Assert.False(db.Database.HasPendingModelChanges(),
                $"The model has changes that no {db.GetType().Name} migration captures: run scripts/add-migration <Name> and commit both sets");
    }

    [Fact]
    public void Both_migration_sets_have_the_same_migrations_in_the_same_order_starting_at_the_baseline()
    {
        using SalesBotDbContext sqlite = new SqliteMigrationsDesignTimeFactory().CreateDbContext([]);
        using SalesBotDbContext npgsql = new PostgresMigrationsDesignTimeFactory().CreateDbContext([]);
        static List<string> Names(SalesBotDbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]).ToList();
        Assert.Equal(Names(sqlite), Names(npgsql));
        Assert.Equal(DatabaseInitializer.BaselineMigration, Names(sqlite)[0]);
    }

    [Fact]
    public Task Migrating_an_empty_sqlite_database_makes_exactly_the_schema_EnsureCreated_makes_from_the_model() =>
        WithSqliteAsync(async migrated =>
        {
            await using (var db = MigrationContexts.For(migrated)) await DatabaseInitializer.MigrateAsync(db, default);
            var created = SqliteOptions(Path.Combine(Path.GetDirectoryName(DataSource(migrated))!, "created.db"));
            await using (var db = new SalesBotDbContext(created)) await db.Database.EnsureCreatedAsync();
            Assert.Equal(await SqliteSchemaAsync(created), await SqliteSchemaAsync(migrated));
        });

    private static async Task UpgradeFromPreviousKeepsEveryRowAsync(DbContextOptions<SalesBotDbContext> options)
    {
        List<string> all;
        await using (var db = MigrationContexts.For(options))
        {
            all = db.Database.GetMigrations().ToList();
            Assert.True(all.Count >= 2, "there is no previous migration to upgrade from");
            await db.GetService<IMigrator>().MigrateAsync(all[^2]);
            Assert.Equal(all[..^1], await db.Database.GetAppliedMigrationsAsync());
        }
        // The tables of the previous migration are filled; one the last migration adds (ProfileMessengerProfileRecords) is
        // left out, and must be there, empty, after the upgrade. A table the last migration adds columns to (InstagramAccounts:
        // ConnectedPages) is filled in its previous shape, and reads back with the new columns empty.
        var written = await EveryTable.FillAsync(options);
        Assert.All(written, t => Assert.Equal(EveryTable.RowsPerTable, t.Value.Count));

        await using (var db = MigrationContexts.For(options))
        {
            Assert.Equal([all[^1]], await DatabaseInitializer.MigrateAsync(db, default));
            Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        }
        AssertKept(written, await EveryTable.ReadAsync(options));
    }

    /// <summary>Every row written is read back as it was; tables added since hold nothing.</summary>
    private static void AssertKept(SortedDictionary<string, List<string>> written, SortedDictionary<string, List<string>> read)
    {
        Assert.Equal(written, new SortedDictionary<string, List<string>>(read.Where(t => written.ContainsKey(t.Key)).ToDictionary(), StringComparer.Ordinal));
        Assert.All(read.Where(t => !written.ContainsKey(t.Key)), t => Assert.Empty(t.Value));
    }

    private static async Task EnsureCreatedDatabaseIsAdoptedAsync(DbContextOptions<SalesBotDbContext> options)
    {
        // What EnsureCreated made before there were migrations is exactly the baseline's schema, without a history.
        List<string> all;
        await using (var db = MigrationContexts.For(options))
        {
            all = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(all[0]);
            await db.Database.ExecuteSqlRawAsync("""DROP TABLE "__EFMigrationsHistory" """);
        }
        var written = await EveryTable.FillAsync(options);

        await using (var db = MigrationContexts.For(options))
        {
            Assert.Equal(all.Skip(1), await DatabaseInitializer.MigrateAsync(db, default));
            Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await DatabaseInitializer.FindMissingTablesAsync(db, default));
        }
        AssertKept(written, await EveryTable.ReadAsync(options));

        // Adoption happens once: the next start finds the history and has nothing to do.
        await using (var db = MigrationContexts.For(options))
        {
            Assert.False(await DatabaseInitializer.AdoptEnsureCreatedDatabaseAsync(db, default));
            Assert.Empty(await DatabaseInitializer.MigrateAsync(db, default));
        }
    }

    private static async Task WithSqliteAsync(Func<DbContextOptions<SalesBotDbContext>, Task> test)
    {
        var dir = Directory.CreateTempSubdirectory("salesbot-migrations-").FullName;
        try { await test(SqliteOptions(Path.Combine(dir, "salesbot.db"))); }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static DbContextOptions<SalesBotDbContext> SqliteOptions(string file) =>
        new DbContextOptionsBuilder<SalesBotDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options;

    private static DbContextOptions<SalesBotDbContext> Postgres(string url) =>
        new DbContextOptionsBuilder<SalesBotDbContext>().UseNpgsql(PostgresConnectionString.FromUrl(url)).Options;

    private static string DataSource(DbContextOptions<SalesBotDbContext> options)
    {
        using var db = new SalesBotDbContext(options);
        return new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
    }

    /// <summary>Every table and index with its CREATE statement, but the migrations' own bookkeeping.</summary>
    /// <summary>
    /// Every table's columns in order (name, type, nullability, default, key) and every index's SQL. Columns, not the stored
    /// CREATE TABLE text: SQLite appends an ADD COLUMN's definition after the table's constraints there, so a migration that
    /// adds a column never has the text EnsureCreated writes, though the table is the same.
    /// </summary>
    private static async Task<List<string>> SqliteSchemaAsync(DbContextOptions<SalesBotDbContext> options)
    {
        await using var db = new SalesBotDbContext(options);
        return await db.Database.SqlQueryRaw<string>(
                """
                SELECT 'table ' || t || ': ' || group_concat(col, ', ') AS "Value" FROM (
                  SELECT m.name AS t, c.name || ' ' || c.type || ' notnull=' || c."notnull" || ' default=' || coalesce(c.dflt_value, '-') || ' pk=' || c.pk AS col
                  FROM sqlite_master m JOIN pragma_table_info(m.name) c
                  WHERE m.type = 'table' AND m.name NOT LIKE '\_\_EFMigrations%' ESCAPE '\' ORDER BY m.name, c.cid)
                GROUP BY t
                UNION ALL
                SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master
                WHERE type <> 'table' AND tbl_name NOT LIKE '\_\_EFMigrations%' ESCAPE '\'
                ORDER BY 1
                """)
            .ToListAsync();
    }
}
