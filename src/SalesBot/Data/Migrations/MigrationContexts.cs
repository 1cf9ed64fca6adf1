using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SalesBot.Data.Migrations;

/// <summary>
/// One model, two providers, so two migration sets (Sqlite/ and Postgres/ beside this file). EF Core finds a set by
/// the context type its migrations name, so each provider has a context type of its own that adds nothing to the model
/// ("Migrations with Multiple Providers: using multiple context types", learn.microsoft.com/ef/core/managing-schemas/
/// migrations/providers). The app itself keeps using <see cref="SalesBotDbContext"/>; only the initializer and the
/// tools use these.
/// </summary>
public sealed class SqliteMigrationsContext(DbContextOptions<SqliteMigrationsContext> options) : SalesBotDbContext(options);

/// <inheritdoc cref="SqliteMigrationsContext"/>
public sealed class PostgresMigrationsContext(DbContextOptions<PostgresMigrationsContext> options) : SalesBotDbContext(options);

public static class MigrationContexts
{
    /// <summary>
    /// The migration context for the app's configured options: the same provider, connection and interceptors, with
    /// the context type the provider's migrations belong to.
    /// </summary>
    public static SalesBotDbContext For(DbContextOptions<SalesBotDbContext> options)
    {
        var extensions = options.Extensions.ToDictionary(e => e.GetType());
        using var probe = new SalesBotDbContext(options);
        if (probe.Database.IsNpgsql()) return new PostgresMigrationsContext(new DbContextOptions<PostgresMigrationsContext>(extensions));
        if (probe.Database.IsSqlite()) return new SqliteMigrationsContext(new DbContextOptions<SqliteMigrationsContext>(extensions));
        throw new InvalidOperationException("SalesBot has migrations for SQLite and PostgreSQL only, not " + probe.Database.ProviderName);
    }

    /// <summary>The migration context for a live context's options (tests build databases this way).</summary>
    public static SalesBotDbContext For(SalesBotDbContext db) =>
        For((DbContextOptions<SalesBotDbContext>)db.GetService<IDbContextOptions>());
}

/// <summary>
/// What <c>dotnet ef migrations add --context SqliteMigrationsContext</c> builds; scaffolding needs the provider, not a
/// database. Used by scripts/add-migration.
/// </summary>
public sealed class SqliteMigrationsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMigrationsContext>
{
    public SqliteMigrationsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMigrationsContext>().UseSqlite("Data Source=salesbot-design-time.db").Options);
}

/// <inheritdoc cref="SqliteMigrationsDesignTimeFactory"/>
public sealed class PostgresMigrationsDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMigrationsContext>
{
    public PostgresMigrationsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMigrationsContext>().UseNpgsql("Host=localhost;Database=salesbot_design_time").Options);
}
