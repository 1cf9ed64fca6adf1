using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesBot.Data;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Data;

/// <summary>Schema creation at start: safe when instances race on an empty PostgreSQL database, and loud when a table is missing.</summary>
public sealed class DatabaseInitializerTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Instances_starting_together_on_an_empty_database_all_start_and_create_the_schema_once()
    {
        for (var round = 0; round < 10; round++)
        {
            // Each instance has its own services, as separate processes would.
            var connection = PostgresConnectionString.FromUrl(await postgres.CreateDatabaseAsync());
            var instances = Enumerable.Range(0, 4).Select(_ => Instance(connection)).ToList();
            await Task.WhenAll(instances.Select(i => Task.Run(() => i.GetRequiredService<DatabaseInitializer>().StartAsync(default))));

            await using var db = await instances[0].GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
            Assert.Empty(await DatabaseInitializer.FindMissingTablesAsync(db, default));
            // One shared key, so what one instance encrypts every other can decrypt from the start.
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
            foreach (var instance in instances) await instance.DisposeAsync();
        }
    }

    [PostgresFact]
    public async Task A_table_missing_from_an_existing_postgres_database_is_named_in_an_error_at_start()
    {
        var url = await postgres.CreateDatabaseAsync();
        await using (var instance = Instance(PostgresConnectionString.FromUrl(url)))
        {
            await instance.GetRequiredService<DatabaseInitializer>().StartAsync(default);
            await using var db = await instance.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
            // As if this table came with a newer SalesBot than the one that created the database.
            await db.Database.ExecuteSqlRawAsync("""DROP TABLE "ConversationHandoffs" """);
            Assert.Equal(["ConversationHandoffs"], await DatabaseInitializer.FindMissingTablesAsync(db, default));
        }

        var logs = new LogCollector();
        var dataDir = Directory.CreateTempSubdirectory("salesbot-init-").FullName;
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("DATA_DIR", dataDir)
            .UseSetting("DATABASE_URL", url)
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        using var client = app.CreateClient();

        using var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("lacks the tables"));
        Assert.Contains("ConversationHandoffs", error.Message);
        Assert.Contains("empty database", error.Message);
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

    /// <summary>What one app instance has of the database: the context factory, Data Protection keyed in it, the initializer.</summary>
    private static ServiceProvider Instance(string connectionString)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddDbContextFactory<SalesBotDbContext>(o => o.UseNpgsql(connectionString));
        services.AddDataProtection().SetApplicationName("SalesBot").PersistKeysToDbContext<SalesBotDbContext>();
        services.AddSingleton<DatabaseInitializer>();
        return services.BuildServiceProvider();
    }
}
