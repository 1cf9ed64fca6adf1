using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SalesBot.Data;

/// <summary>
/// Lets SQLite itself wait for a busy database (it retries within milliseconds) instead of the driver's
/// coarse managed retry, which sleeps 150 ms at a time and showed up as the webhook endpoint's p99.
/// Set on every connection as it opens, since the pragma is per connection.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const int Milliseconds = 10_000;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds};";
        command.ExecuteNonQuery();
    }
}
