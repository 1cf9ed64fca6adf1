using System.Globalization;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>Shopify's string-serialised scalars, formatted the way the real API prints them.</summary>
internal static class Scalars
{
    /// <summary><c>Money</c>: "19.99".</summary>
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary><c>Decimal</c> (MoneyV2.amount): "19.99", "20.0".</summary>
    public static string Decimal(decimal amount) => amount.ToString("0.0#", CultureInfo.InvariantCulture);

    /// <summary><c>DateTime</c>: ISO 8601 in UTC with a Z.</summary>
    public static string DateTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? DateTime(DateTimeOffset? at) => at is { } value ? DateTime(value) : null;

    /// <summary><c>UnsignedInt64</c> travels as a string.</summary>
    public static string UnsignedInt64(long value) => value.ToString(CultureInfo.InvariantCulture);
}
