using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Data;
using SalesBot.Data.Migrations;
using SalesBot.Data.Retention;
using SalesBot.Facebook;
using SalesBot.Shopify.Auth;
using SalesBot.Shopify.Webhooks;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Data;

/// <summary>
/// The retention sweep: old finished rows go, in batches; young rows and unfinished work stay whatever their age;
/// and each DELETE finds its rows through the age column's index (migration 2), not a scan of the table.
/// </summary>
public sealed class RetentionSweepTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("salesbot-retention-").FullName;
    private readonly DeleteRecorder _deletes = new();
    private readonly RetentionOptions _retention = new();
    private PooledDbContextFactory<SalesBotDbContext> _db = null!;
    private RetentionSweeper _sweeper = null!;

    public async Task InitializeAsync()
    {
        var options = new DbContextOptionsBuilder<SalesBotDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_dir, "salesbot.db")};Pooling=False").AddInterceptors(_deletes).Options;
        await using (var migrations = MigrationContexts.For(options)) await DatabaseInitializer.MigrateAsync(migrations, default);
        _db = new PooledDbContextFactory<SalesBotDbContext>(options);
        var retention = Options.Create(_retention);
        var time = new FakeTimeProvider(Now);
        _sweeper = new RetentionSweeper(
            [new DeliveryRetention(_db, retention), new MessengerEventRetention(_db, retention), new OAuthStateRetention(_db, retention)],
            retention, time, NullLogger<RetentionSweeper>.Instance);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Old_finished_rows_are_deleted_in_batches_and_young_or_unprocessed_rows_are_kept()
    {
        var old = Now - _retention.WebhookDeliveries - TimeSpan.FromMinutes(1);
        var young = Now - _retention.WebhookDeliveries + TimeSpan.FromMinutes(1);
        var oldCount = RetentionSweeper.BatchSize * 2 + 7; // more than one batch
        await using (var db = await _db.CreateDbContextAsync())
        {
            for (var i = 0; i < oldCount; i++)
            {
                db.WebhookDeliveries.Add(Delivery($"old-{i}", old - TimeSpan.FromSeconds(i), processed: true));
                db.MessengerEvents.Add(Event($"old-{i}", Now - _retention.MessengerEvents - TimeSpan.FromSeconds(i + 60), processed: true));
            }
            db.WebhookDeliveries.AddRange(Delivery("old-unprocessed", old - TimeSpan.FromDays(30), processed: false), Delivery("young", young, processed: true));
            db.MessengerEvents.AddRange(
                Event("old-unprocessed", Now - TimeSpan.FromDays(60), processed: false),
                Event("young", Now - _retention.MessengerEvents + TimeSpan.FromMinutes(1), processed: true));
            db.OAuthStates.AddRange(
                State("made-long-ago", madeAt: Now - _retention.OAuthStates - TimeSpan.FromMinutes(1)),
                State("expired-recently", madeAt: Now - OAuthStateStore.Lifetime - TimeSpan.FromMinutes(5)),
                State("live", madeAt: Now - TimeSpan.FromMinutes(1)));
            await db.SaveChangesAsync();
        }

        var deleted = await _sweeper.SweepAsync(default);

        Assert.Equal(oldCount, deleted["WebhookDeliveries"]);
        Assert.Equal(oldCount, deleted["MessengerEvents"]);
        Assert.Equal(1, deleted["OAuthStates"]);
        Assert.True(_deletes.Commands.Count(c => c.Text.Contains("\"WebhookDeliveries\"")) >= 3, "the deliveries were not deleted in batches");
        await using var check = await _db.CreateDbContextAsync();
        Assert.Equal(["old-unprocessed", "young"], await check.WebhookDeliveries.Select(d => d.EventId).Order().ToListAsync());
        Assert.Equal(["old-unprocessed", "young"], await check.MessengerEvents.Select(e => e.Mid).Order().ToListAsync());
        Assert.Equal(["expired-recently", "live"], await check.OAuthStates.Select(s => s.State).Order().ToListAsync());

        // A second sweep finds nothing more to do.
        Assert.All((await _sweeper.SweepAsync(default)).Values, n => Assert.Equal(0, n));
    }

    [Theory]
    [InlineData("WebhookDeliveries", "IX_WebhookDeliveries_ReceivedAt")]
    [InlineData("MessengerEvents", "IX_MessengerEvents_ReceivedAt")]
    [InlineData("OAuthStates", "IX_OAuthStates_ExpiresAt")]
    public async Task Each_sweep_finds_its_rows_through_the_age_index(string table, string index)
    {
        await _sweeper.SweepAsync(default);

        var delete = _deletes.Commands.First(c => c.Text.Contains($"DELETE FROM \"{table}\""));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, "salesbot.db")};Pooling=False");
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + delete.Text;
        foreach (var (name, value) in delete.Parameters) explain.Parameters.AddWithValue(name, value);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        Assert.Contains(plan, step => step.Contains($"INDEX {index}", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith($"SCAN {table.First()}", StringComparison.Ordinal) && !step.Contains("INDEX"));
    }

    private static WebhookDelivery Delivery(string id, DateTimeOffset receivedAt, bool processed) => new()
    {
        EventId = id, Shop = "retention-store.myshopify.com", Topic = "products/update", Payload = "{}",
        TriggeredAt = receivedAt, ReceivedAt = receivedAt, ProcessedAt = processed ? receivedAt + TimeSpan.FromSeconds(1) : null,
    };

    private static MessengerEvent Event(string mid, DateTimeOffset receivedAt, bool processed) => new()
    {
        Mid = mid, PageId = "page-1", Psid = "psid-1", Kind = MessengerEventKind.Message, Text = "hi",
        Timestamp = receivedAt.ToUnixTimeMilliseconds(), ReceivedAt = receivedAt, ProcessedAt = processed ? receivedAt : null,
    };

    private static OAuthState State(string state, DateTimeOffset madeAt) =>
        new() { State = state, Purpose = "shopify", Shop = "retention-store.myshopify.com", ExpiresAt = madeAt + OAuthStateStore.Lifetime };
}

/// <summary>Every DELETE the sweeps send, with its parameters, to replay under EXPLAIN QUERY PLAN.</summary>
internal sealed class DeleteRecorder : DbCommandInterceptor
{
    public List<(string Text, List<(string, object?)> Parameters)> Commands { get; } = [];

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (command.CommandText.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            lock (Commands)
                Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>The same sweeps' DELETEs on PostgreSQL: the planner can reach each table's rows through the age index.</summary>
public sealed class PostgresRetentionSweepTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Each_sweep_can_find_its_rows_through_the_age_index()
    {
        var url = await postgres.CreateDatabaseAsync();
        var deletes = new DeleteRecorder();
        var options = new DbContextOptionsBuilder<SalesBotDbContext>().UseNpgsql(PostgresConnectionString.FromUrl(url)).AddInterceptors(deletes).Options;
        await using (var migrations = MigrationContexts.For(options)) await DatabaseInitializer.MigrateAsync(migrations, default);
        var db = new PooledDbContextFactory<SalesBotDbContext>(options);
        var retention = Options.Create(new RetentionOptions());
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await new RetentionSweeper(
            [new DeliveryRetention(db, retention), new MessengerEventRetention(db, retention), new OAuthStateRetention(db, retention)],
            retention, time, NullLogger<RetentionSweeper>.Instance).SweepAsync(default);

        await using var connection = new Npgsql.NpgsqlConnection(PostgresConnectionString.FromUrl(url));
        await connection.OpenAsync();
        // A month of finished rows, as production would have, analyzed so the planner prices the real shape; with
        // sequential scans priced out, a plan naming the age index shows the sweep is served by it.
        await using (var fill = new Npgsql.NpgsqlCommand("""
            INSERT INTO "WebhookDeliveries" ("EventId", "Shop", "Topic", "TriggeredAt", "ReceivedAt", "Payload", "ProcessedAt", "Attempts")
                SELECT 'e' || i, 's.myshopify.com', 'products/update', now() - i * interval '1 minute', now() - i * interval '1 minute', '{}', now(), 1
                FROM generate_series(1, 20000) i;
            INSERT INTO "MessengerEvents" ("Mid", "PageId", "Psid", "Kind", "Timestamp", "ReceivedAt", "ProcessedAt")
                SELECT 'm' || i, 'p' || (i % 20), 'u' || (i % 500), 0, i, now() - i * interval '1 minute', now() - i * interval '1 minute'
                FROM generate_series(1, 20000) i;
            INSERT INTO "OAuthStates" ("State", "Purpose", "ExpiresAt") SELECT 's' || i, 'shopify', now() - i * interval '1 minute' FROM generate_series(1, 20000) i;
            ANALYZE; SET enable_seqscan = off;
            """, connection)) await fill.ExecuteNonQueryAsync();
        foreach (var (table, index) in new[] { ("WebhookDeliveries", "IX_WebhookDeliveries_ReceivedAt"), ("MessengerEvents", "IX_MessengerEvents_ReceivedAt"), ("OAuthStates", "IX_OAuthStates_ExpiresAt") })
        {
            var delete = deletes.Commands.First(c => c.Text.Contains($"DELETE FROM \"{table}\""));
            await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN " + delete.Text, connection);
            foreach (var (name, value) in delete.Parameters) explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
            Assert.True(plan.Any(step => step.Contains(index, StringComparison.Ordinal)), $"{table}: {string.Join(" | ", plan)}");
        }
    }
}
