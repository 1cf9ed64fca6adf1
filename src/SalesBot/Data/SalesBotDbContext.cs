using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SalesBot.Shopify.Auth;

namespace SalesBot.Data;

/// <summary>
/// The app's one database (SQLite by default, PostgreSQL with DATABASE_URL). Each feature adds its
/// tables in a partial file of its own beside this one, so features do not edit each other's files;
/// entities configure themselves with attributes (keys, lengths, indexes). Not sealed only so that each provider's
/// migrations can belong to a context type of their own (Migrations/MigrationContexts.cs).
/// </summary>
public partial class SalesBotDbContext : DbContext, IDataProtectionKeyContext
{
    public SalesBotDbContext(DbContextOptions<SalesBotDbContext> options) : base(options) { }

    /// <summary>For the provider-specific migration contexts, which share this model exactly.</summary>
    protected SalesBotDbContext(DbContextOptions options) : base(options) { }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<InstalledShop> Shops => Set<InstalledShop>();
    public DbSet<OAuthState> OAuthStates => Set<OAuthState>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset; stored as UTC-based binary numbers they sort correctly.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
        else if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
        }
    }
}
