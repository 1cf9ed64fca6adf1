using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesBot.Data;

namespace SalesBot.Tests.Support;

/// <summary>Every value of every table of the app's database as text (blobs decoded as UTF-8), for tests that look for a secret stored in clear.</summary>
public static class DatabaseText
{
    public static async Task<List<string>> ReadAllAsync(IDbContextFactory<SalesBotDbContext> factory)
    {
        await using var context = await factory.CreateDbContextAsync();
        var tables = context.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync();
        var values = new List<string>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++)
                    if (!await reader.IsDBNullAsync(i))
                        values.Add(reader.GetValue(i) switch { byte[] bytes => Encoding.UTF8.GetString(bytes), var v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "" });
        }
        return values;
    }
}
