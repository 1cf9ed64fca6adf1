using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;

namespace SalesBot.Tests.Support;

/// <summary>
/// The database the app-level tests give the app: SQLite in DATA_DIR by default, or, with
/// <c>SALESBOT_TEST_DATABASE=postgres</c>, one PostgreSQL database per DATA_DIR on one server for the
/// whole run, so every app-level test can be run over PostgreSQL too. The same DATA_DIR gets the same
/// database, which is what tests that restart the app on their state expect.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<PostgresFixture> Server = new(StartServer);
    private static readonly ConcurrentDictionary<string, Lazy<string>> Urls = new();

    public static bool IsPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("SALESBOT_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null with SQLite; else the DATABASE_URL that belongs to <paramref name="dataDir"/>.</summary>
    public static string? UrlFor(string dataDir) => IsPostgres
        ? Urls.GetOrAdd(Path.GetFullPath(dataDir), _ => new(() => Server.Value.CreateDatabaseAsync().GetAwaiter().GetResult())).Value
        : null;

    /// <summary>Points the app at the test database of <paramref name="dataDir"/> (nothing to do with SQLite).</summary>
    public static IWebHostBuilder UseTestDatabase(this IWebHostBuilder web, string dataDir) =>
        UrlFor(dataDir) is { } url ? web.UseSetting("DATABASE_URL", url) : web;

    private static PostgresFixture StartServer()
    {
        var server = new PostgresFixture();
        server.InitializeAsync().GetAwaiter().GetResult();
        // xUnit 2 has no assembly-wide fixture; the server lives as long as the test process.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }
}
