using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SalesBot.Configuration;
using SalesBot.Data;
using SalesBot.Insights;

namespace SalesBot.Tests.Insights;

/// <summary>
/// The Insights part over a real database: SQLite in a folder the test owns, or a PostgreSQL database. Two harnesses
/// over the same database are two instances of the app.
/// </summary>
public sealed class InsightsHarness : IAsyncDisposable
{
    public const string BaseUrl = "https://bot.example";
    private readonly ServiceProvider _services;

    private InsightsHarness(ServiceProvider services) => _services = services;

    public FakeTimeProvider Time => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();
    public InsightsRecorder Recorder => _services.GetRequiredService<InsightsRecorder>();
    public InsightsReport Report => _services.GetRequiredService<InsightsReport>();
    public BuyLinks Links => _services.GetRequiredService<BuyLinks>();
    public IDataProtectionProvider Protection => _services.GetRequiredService<IDataProtectionProvider>();

    /// <summary><paramref name="databaseUrl"/> null: SQLite in <paramref name="dataDir"/>, with the app's busy timeout.</summary>
    public static async Task<InsightsHarness> StartAsync(string dataDir, string? databaseUrl = null, DateTimeOffset? now = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddDbContextFactory<SalesBotDbContext>(o =>
            {
                if (databaseUrl is not null) o.UseNpgsql(PostgresConnectionString.FromUrl(databaseUrl));
                else o.UseSqlite($"Data Source={Path.Combine(dataDir, "salesbot.db")};Pooling=False").AddInterceptors(new SqliteBusyTimeout());
            })
            .AddSingleton<TimeProvider>(new FakeTimeProvider(now ?? new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)))
            .AddSingleton(Options.Create(new AppOptions { BaseUrl = BaseUrl + "/", DataDir = dataDir }))
            .AddSingleton<BuyLinks>()
            .AddSingleton<InsightsRecorder>()
            .AddSingleton<InsightsReport>();
        // One key ring in the folder, shared by every harness over it, as instances share theirs.
        services.AddDataProtection().SetApplicationName("SalesBot").PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        var harness = new InsightsHarness(services.BuildServiceProvider());
        await using var db = await harness._services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        await db.Database.EnsureCreatedAsync();
        return harness;
    }

    public async Task<List<T>> RowsAsync<T>(Func<SalesBotDbContext, IQueryable<T>> query)
    {
        await using var db = await _services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        return await query(db).ToListAsync();
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
