using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SalesBot.Data;

/// <summary>
/// Readiness of the database: it answers a query and has the model's tables. A bare connection test would not do:
/// SQLite opens a deleted file by creating an empty one, which connects fine and serves nothing.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<SalesBotDbContext> databases, ILogger<DatabaseHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var missing = await DatabaseInitializer.FindMissingTablesAsync(db, cancellationToken);
            return missing.Count == 0
                ? HealthCheckResult.Healthy("the database answers and has every table")
                : HealthCheckResult.Unhealthy($"the database lacks {missing.Count} of SalesBot's tables");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The driver's message may name hosts or users: it goes to the log, the probe body gets a fixed sentence.
            logger.LogWarning("Readiness: the database did not answer ({Error}: {Message})", e.GetType().Name, e.Message);
            return HealthCheckResult.Unhealthy("the database did not answer");
        }
    }
}
