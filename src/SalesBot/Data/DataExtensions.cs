using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Data.Retention;

namespace SalesBot.Data;

public static class DataExtensions
{
    /// <summary>
    /// SQLite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set. DATA_DIR and the SQLite files are private to
    /// the service user. Data Protection and its key ring: Keys/KeyRingExtensions (AddKeyRing, called after this).
    /// </summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var app = builder.Configuration.Get<AppOptions>() ?? new AppOptions();
        var dataDir = Path.GetFullPath(app.DataDir, builder.Environment.ContentRootPath);
        DataDirectory.Prepare(dataDir);

        var postgres = string.IsNullOrEmpty(app.DatabaseUrl) ? null : PostgresConnectionString.FromUrl(app.DatabaseUrl);
        var sqliteFile = Path.Combine(dataDir, "salesbot.db");
        if (postgres is null) DataDirectory.PrepareSqliteFile(sqliteFile);
        builder.Services.AddDbContextFactory<SalesBotDbContext>(o =>
        {
            if (postgres is not null) o.UseNpgsql(postgres);
            else o.UseSqlite($"Data Source={sqliteFile};Pooling=True").AddInterceptors(new SqliteBusyTimeout());
        });

        // Registered before Data Protection (AddKeyRing): hosted services start in order, and Data Protection's own one
        // reads the key ring at start, which may be (or be imported from) a table this initializer may still have to create.
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddSingleton<DistributedLock>();
        // Parts register their tables' sweeps (IRetentionSweep) and check their own lower bounds on these options.
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration("")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "RETENTION_SWEEP_INTERVAL must be a positive TimeSpan such as 01:00:00")
            .ValidateOnStart();
        builder.Services.AddSingleton<RetentionSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());
        return builder;
    }
}
