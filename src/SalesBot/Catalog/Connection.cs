using System.Text.Json.Serialization;

namespace SalesBot.Catalog;

/// <summary>
/// A GraphQL connection in Shopify's <c>nodes</c> shape. While fetching, <see cref="PageInfo"/> says whether
/// more pages follow; once every page is merged it is dropped (null, so it is not written).
/// </summary>
public sealed record Connection<T>(IReadOnlyList<T> Nodes, PageInfo? PageInfo = null)
{
    public static readonly Connection<T> Empty = new([]);

    [JsonIgnore]
    public bool HasNextPage => PageInfo is { HasNextPage: true };

    public Connection<T> Merged(IEnumerable<T> more) => new([.. Nodes, .. more]);

    public Connection<T> Complete() => PageInfo is null ? this : new(Nodes);
}

public sealed record PageInfo(bool HasNextPage, string? EndCursor);
