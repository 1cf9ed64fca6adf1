namespace SalesBot.Tests.Support;

/// <summary>A test that needs the PostgreSQL server of <see cref="PostgresFixture"/>; skipped, with the reason, only where it cannot be installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = PostgresFixture.SkipReason;
}
