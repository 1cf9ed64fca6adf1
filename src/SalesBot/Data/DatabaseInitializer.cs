using Microsoft.EntityFrameworkCore;

namespace SalesBot.Data;

/// <summary>
/// Creates the schema before the app serves requests (hosted services start before Kestrel).
/// EnsureCreated keeps one model for both providers; see the README for why there are no migrations yet.
/// </summary>
public sealed class DatabaseInitializer(IDbContextFactory<SalesBotDbContext> factory, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        var created = await db.Database.EnsureCreatedAsync(cancellationToken);
        logger.LogInformation("Database ready ({Provider}{Created})", db.Database.ProviderName, created ? ", created" : "");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
