using System.Text;
using System.Text.Json;
using GraphQL;

namespace SalesBot.Sandbox.Shopify.GraphQL;

/// <summary>A Relay connection page; one C# shape serves every <c>*Connection</c> type.</summary>
internal sealed record Connection(IReadOnlyList<Edge> Edges, bool HasNextPage, bool HasPreviousPage)
{
    public const int MaxPageSize = 250;

    /// <summary>
    /// Pages <paramref name="items"/> (ordered by <paramref name="key"/> ascending) with <c>first</c>/<c>after</c>.
    /// Cursors are opaque like Shopify's: base64 of <c>{"last_id":…,"last_value":…}</c>.
    /// </summary>
    public static Connection Page<T>(IEnumerable<T> items, Func<T, long> key, IResolveFieldContext context) where T : notnull
    {
        var after = context.GetArgument<string?>("after");
        var afterKey = after is null ? (long?)null : DecodeCursor(after);
        var remaining = afterKey is { } k ? items.SkipWhile(i => key(i) <= k) : items;
        if (AdminRequestContext.Of(context).Bulk)
            return new([.. remaining.Select(i => new Edge(i, EncodeCursor(key(i))))], false, afterKey is not null);

        var first = context.GetArgument<int?>("first")
            ?? throw new ExecutionError("you must provide one of first or last") { Code = "BAD_REQUEST" };
        if (first is < 0 or > MaxPageSize)
            throw new ExecutionError($"The first argument must be between 0 and {MaxPageSize}.") { Code = "BAD_REQUEST" };
        var page = remaining.Take(first + 1).ToList();
        var edges = page.Take(first).Select(i => new Edge(i, EncodeCursor(key(i)))).ToList();
        return new(edges, page.Count > first, afterKey is not null);
    }

    public static string EncodeCursor(long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"last_id\":{id},\"last_value\":\"{id}\"}}"));

    private static long DecodeCursor(string cursor)
    {
        try
        {
            using var json = JsonDocument.Parse(Convert.FromBase64String(cursor));
            return json.RootElement.GetProperty("last_id").GetInt64();
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ExecutionError($"Invalid cursor for current pagination sort.") { Code = "BAD_REQUEST" };
        }
    }
}

internal sealed record Edge(object Node, string Cursor);
