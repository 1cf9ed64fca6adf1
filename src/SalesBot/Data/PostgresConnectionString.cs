using Npgsql;

namespace SalesBot.Data;

/// <summary>Turns <c>postgres://user:pass@host:port/db?sslmode=require</c> into an Npgsql connection string.</summary>
public static class PostgresConnectionString
{
    public static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw new ArgumentException("DATABASE_URL must look like postgres://user:password@host:5432/database");
        var userInfo = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/'),
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase) && kv.Length == 2 && Enum.TryParse<SslMode>(kv[1], true, out var mode))
                builder.SslMode = mode;
        }
        return builder.ConnectionString;
    }
}
