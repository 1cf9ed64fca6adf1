using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesBot.Configuration;
using SalesBot.Data.Retention;

namespace SalesBot.Data;

public static class DataExtensions
{
    /// <summary>
    /// SQLite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set. Data Protection keys
    /// (which encrypt tokens at rest) live in DATA_DIR with SQLite, and in the database with
    /// PostgreSQL so that every instance can read what another encrypted.
    /// </summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var app = builder.Configuration.Get<AppOptions>() ?? new AppOptions();
        var dataDir = Path.GetFullPath(app.DataDir, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataDir);

        var postgres = string.IsNullOrEmpty(app.DatabaseUrl) ? null : PostgresConnectionString.FromUrl(app.DatabaseUrl);
        builder.Services.AddDbContextFactory<SalesBotDbContext>(o =>
        {
            if (postgres is not null) o.UseNpgsql(postgres);
            else o.UseSqlite($"Data Source={Path.Combine(dataDir, "salesbot.db")};Pooling=True").AddInterceptors(new SqliteBusyTimeout());
        });

        // Registered before Data Protection: hosted services start in order, and Data Protection's own one reads
        // the key ring at start, which with PostgreSQL is a table this initializer may still have to create.
        builder.Services.AddHostedService<DatabaseInitializer>();
        builder.Services.AddSingleton<DistributedLock>();
        // Parts register their tables' sweeps (IRetentionSweep) and check their own lower bounds on these options.
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration("")
            .Validate(o => o.SweepInterval > TimeSpan.Zero, "RETENTION_SWEEP_INTERVAL must be a positive TimeSpan such as 01:00:00")
            .ValidateOnStart();
        builder.Services.AddSingleton<RetentionSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RetentionSweeper>());

        var protection = builder.Services.AddDataProtection().SetApplicationName("SalesBot");
        if (postgres is not null) protection.PersistKeysToDbContext<SalesBotDbContext>();
        else protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys")));
        return builder;
    }
}
