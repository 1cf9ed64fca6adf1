using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SalesBot.Data;
using SalesBot.Snapshots;

namespace SalesBot.Tests.Snapshots;

/// <summary>
/// A publisher (and optionally its retrier) over a real SQLite database in a folder the test owns. Two
/// harnesses over the same folder, one after the other, are the same app before and after a restart.
/// </summary>
public sealed class PublisherHarness : IAsyncDisposable
{
    public static readonly SnapshotRetryOptions FastRetries = new() { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) };

    private readonly ServiceProvider services;
    private PendingSnapshotRetrier? retrier;

    private PublisherHarness(ServiceProvider services) => this.services = services;

    public SnapshotPublisher Publisher => services.GetRequiredService<SnapshotPublisher>();
    public ISnapshotNotifier Notifier => services.GetRequiredService<ISnapshotNotifier>();
    public IDbContextFactory<SalesBotDbContext> Database => services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>();

    public static async Task<PublisherHarness> StartAsync(ISnapshotStore store, string dataDir, bool retrying = true)
    {
        var collection = new ServiceCollection()
            .AddLogging()
            .AddDbContextFactory<SalesBotDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(dataDir, "salesbot.db")};Pooling=False"))
            .AddSingleton(store)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Options.Create(FastRetries))
            .AddSingleton<ISnapshotNotifier, SnapshotNotifier>()
            .AddMetrics()
            .AddSingleton<SnapshotMetrics>()
            .AddSingleton<SnapshotPublisher>()
            .AddSingleton<PendingSnapshotRetrier>();
        var harness = new PublisherHarness(collection.BuildServiceProvider());
        await using (var db = await harness.services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync())
            await db.Database.EnsureCreatedAsync();
        if (retrying)
        {
            harness.retrier = harness.services.GetRequiredService<PendingSnapshotRetrier>();
            await harness.retrier.StartAsync(CancellationToken.None);
        }
        return harness;
    }

    public async Task<SnapshotPublication?> StateAsync(string shop)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        return await db.SnapshotPublications.AsNoTracking().SingleOrDefaultAsync(p => p.Shop == shop);
    }

    public async Task<int> PendingRowsAsync(string shop)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<SalesBotDbContext>>().CreateDbContextAsync();
        return await db.PendingSnapshots.CountAsync(p => p.Shop == shop);
    }

    /// <summary>Waits until storage holds <paramref name="hash"/> for the shop and nothing is pending.</summary>
    public async Task<SnapshotPublication> WaitUntilPublishedAsync(string shop, string hash, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = await StateAsync(shop);
            if (state is { PendingHash: null } && state.PublishedHash == hash) return state;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{shop} not published within {timeout}: pending={state?.PendingHash}, attempts={state?.PendingAttempts}, error={state?.LastError}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (retrier is not null) await retrier.StopAsync(CancellationToken.None);
        await services.DisposeAsync();
    }
}
