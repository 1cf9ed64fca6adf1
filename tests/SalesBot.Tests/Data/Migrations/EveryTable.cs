using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SalesBot.Data;

namespace SalesBot.Tests.Data.Migrations;

/// <summary>
/// Fills every table of the model with a few rows (every column set, nullable ones null in the last row) and reads
/// every table back as text, so an upgrade can be checked to keep each value. Driven by the model, not a list of
/// tables: a table added later is filled too, and a column type it cannot fill fails loudly here.
/// </summary>
internal static class EveryTable
{
    public const int RowsPerTable = 3;

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Fills the tables the database has (an older migration lacks the tables later ones add) and reads them back. A table
    /// that lacks columns a later migration adds (nullable ones, e.g. ConnectedPages' Instagram account) is filled through SQL
    /// with the columns it has; its rows are given as they read after the upgrade, the added columns null.
    /// </summary>
    public static async Task<SortedDictionary<string, List<string>>> FillAsync(DbContextOptions<SalesBotDbContext> options)
    {
        await using var db = new SalesBotDbContext(options);
        var missing = (await DatabaseInitializer.FindMissingTablesAsync(db, default)).ToHashSet(StringComparer.Ordinal);
        var olderShape = new Dictionary<IEntityType, List<object>>();
        foreach (var entity in Tables(db).Where(e => !missing.Contains(e.GetTableName()!)))
        {
            var absent = await AbsentColumnsAsync(db, entity);
            for (var row = 1; row <= RowsPerTable; row++)
            {
                var instance = Create(entity.ClrType);
                foreach (var property in entity.GetProperties())
                    property.PropertyInfo!.SetValue(instance, absent.Contains(property) ? null : ValueFor(entity, property, row));
                if (absent.Count == 0) db.Add(instance);
                else (olderShape.TryGetValue(entity, out var rows) ? rows : olderShape[entity] = []).Add(instance);
            }
        }
        await db.SaveChangesAsync();
        foreach (var (entity, rows) in olderShape)
            foreach (var instance in rows) await InsertPresentColumnsAsync(db, entity, instance);
        var read = await ReadAsync(options, missing.Concat(olderShape.Keys.Select(e => e.GetTableName()!)).ToHashSet(StringComparer.Ordinal));
        foreach (var (entity, rows) in olderShape) read[entity.GetTableName()!] = rows.Select(r => RowText(entity, r)).Order(StringComparer.Ordinal).ToList();
        return read;
    }

    /// <summary>The model's properties whose column the database's table does not have yet.</summary>
    private static async Task<HashSet<IProperty>> AbsentColumnsAsync(SalesBotDbContext db, IEntityType entity)
    {
        var table = entity.GetTableName()!;
        var sql = db.Database.IsNpgsql()
            ? $"SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'"
            : $"SELECT name AS \"Value\" FROM pragma_table_info('{table}')";
        var present = (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        return entity.GetProperties().Where(p => !present.Contains(p.GetColumnName())).ToHashSet();
    }

    private static async Task InsertPresentColumnsAsync(SalesBotDbContext db, IEntityType entity, object instance)
    {
        var absent = await AbsentColumnsAsync(db, entity);
        var columns = entity.GetProperties().Where(p => !absent.Contains(p)).ToList();
        using var command = db.Database.GetDbConnection().CreateCommand();
        var parameters = columns.Select((p, i) =>
        {
            var value = p.PropertyInfo!.GetValue(instance);
            if (value is not null && p.GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = value ?? DBNull.Value;
            return (object)parameter;
        }).ToArray();
        var sql = $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c.GetColumnName()}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
        await db.Database.ExecuteSqlRawAsync(sql, parameters);
    }

    private static string RowText(IEntityType entity, object row) =>
        string.Join("; ", entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={Text(p.PropertyInfo!.GetValue(row))}"));

    /// <param name="skip">Tables not to read (those the database had not yet when it was filled).</param>
    public static async Task<SortedDictionary<string, List<string>>> ReadAsync(DbContextOptions<SalesBotDbContext> options, IReadOnlySet<string>? skip = null)
    {
        await using var db = new SalesBotDbContext(options);
        var tables = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entity in Tables(db))
        {
            if (skip?.Contains(entity.GetTableName()!) == true) continue;
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!
                .MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            var rows = await set.ToListAsync();
            tables[entity.GetTableName()!] = rows.Select(r => RowText(entity, r)).Order(StringComparer.Ordinal).ToList();
        }
        return tables;
    }

    private static IEnumerable<IEntityType> Tables(SalesBotDbContext db)
    {
        var entities = db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null).OrderBy(e => e.GetTableName(), StringComparer.Ordinal).ToList();
        foreach (var entity in entities)
            Assert.True(entity.GetProperties().All(p => p.PropertyInfo is not null),
                $"{entity.DisplayName()} has a shadow property: teach EveryTable to fill it");
        return entities;
    }

    private static object Create(Type type) =>
        type.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(type)! : RuntimeHelpers.GetUninitializedObject(type);

    /// <summary>Distinct per row (keys and unique indexes hold), whole seconds (SQLite's DateTimeOffset encoding keeps 0.1 ms).</summary>
    private static object? ValueFor(IEntityType entity, IProperty property, int row)
    {
        if (row == RowsPerTable && property.IsNullable && !property.IsKey()) return null;
        var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        var salt = entity.GetProperties().ToList().IndexOf(property);
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(row % values.Length);
        }
        if (type == typeof(string))
        {
            var text = $"{property.Name}-{row}";
            return property.GetMaxLength() is { } max && text.Length > max ? row.ToString(CultureInfo.InvariantCulture) : text;
        }
        if (type == typeof(int)) return row * 100 + salt;
        if (type == typeof(long)) return row * 1_000_000_007L + salt;
        if (type == typeof(short)) return (short)(row * 100 + salt);
        if (type == typeof(bool)) return row % 2 == 0;
        if (type == typeof(double)) return row + 0.25 + salt;
        if (type == typeof(decimal)) return row + 0.75m + salt;
        if (type == typeof(DateTimeOffset)) return Epoch.AddDays(row).AddMinutes(salt);
        if (type == typeof(DateTime)) return Epoch.UtcDateTime.AddDays(row).AddMinutes(salt);
        if (type == typeof(DateOnly)) return DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(row * 10 + salt);
        if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(row * 100 + salt);
        if (type == typeof(Guid)) return new Guid(row, (short)salt, 0, new byte[8]);
        if (type == typeof(byte[])) return new[] { (byte)row, (byte)salt, (byte)0xff };
        if (type == typeof(List<string>)) return new List<string> { $"{property.Name}-{row}", "second" }; // a primitive collection (JSON)
        throw new NotSupportedException($"{entity.DisplayName()}.{property.Name} is a {type}: teach EveryTable a value for it");
    }

    private static string Text(object? value) => value switch
    {
        null => "null",
        DateTimeOffset at => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items and not string => "[" + string.Join(", ", items.Cast<object?>().Select(Text)) + "]",
        _ => value.ToString() ?? "",
    };
}
