using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SalesBot.Data;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Data;

/// <summary>Schema creation at start: safe when instances race on an empty PostgreSQL database, and loud when a table is missing.</summary>
public sealed class DatabaseInitializerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Instances_starting_together_on_an_empty_database_all_start_and_create_the_schema_once()
    {
        for (var round = 0; round < 3; round++)
        {
            var factory = Factory(PostgresConnectionString.FromUrl(await postgres.CreateDatabaseAsync()));
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
                new DatabaseInitializer(factory, NullLogger<DatabaseInitializer>.Instance).StartAsync(default))));

            await using var db = await factory.CreateDbContextAsync();
            Assert.Empty(await DatabaseInitializer.FindMissingTablesAsync(db, default));
        }
    }

    [PostgresFact]
    public async Task A_table_missing_from_an_existing_postgres_database_is_found()
    {
        var connection = PostgresConnectionString.FromUrl(await postgres.CreateDatabaseAsync());
        var factory = Factory(connection);
        await new DatabaseInitializer(factory, NullLogger<DatabaseInitializer>.Instance).StartAsync(default);
        await using (var db = await factory.CreateDbContextAsync())
            await db.Database.ExecuteSqlRawAsync("""DROP TABLE "HandoffPauses" """);

        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(["HandoffPauses"], await DatabaseInitializer.FindMissingTablesAsync(check, default));
    }

    [Fact]
    public async Task A_table_missing_from_an_existing_sqlite_database_is_found()
    {
        var dir = Directory.CreateTempSubdirectory("salesbot-init-").FullName;
        var options = new DbContextOptionsBuilder<SalesBotDbContext>().UseSqlite($"Data Source={Path.Combine(dir, "salesbot.db")};Pooling=False").Options;
        await using (var db = new SalesBotDbContext(options))
        {
            await db.Database.EnsureCreatedAsync();
            Assert.Empty(await DatabaseInitializer.FindMissingTablesAsync(db, default));
            await db.Database.ExecuteSqlRawAsync("""DROP TABLE "WebhookDeliveries" """);
        }

        await using var check = new SalesBotDbContext(options);
        Assert.Equal(["WebhookDeliveries"], await DatabaseInitializer.FindMissingTablesAsync(check, default));
        Directory.Delete(dir, recursive: true);
    }

    private static PooledDbContextFactory<SalesBotDbContext> Factory(string connectionString) =>
        new(new DbContextOptionsBuilder<SalesBotDbContext>().UseNpgsql(connectionString).Options);
}
