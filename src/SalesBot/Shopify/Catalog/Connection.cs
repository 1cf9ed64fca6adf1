namespace SalesBot.Shopify.Catalog;

/// <summary>A GraphQL connection in Shopify's <c>nodes</c> shape, with every page merged.</summary>
public sealed record Connection<T>(IReadOnlyList<T> Nodes)
{
    public static readonly Connection<T> Empty = new([]);
}

/// <summary>A connection page as Shopify returns it; <see cref="PageInfo"/> is dropped once pages are merged.</summary>
public sealed record Page<T>(IReadOnlyList<T> Nodes, PageInfo? PageInfo)
{
    public Connection<T> ToConnection() => new(Nodes);
}

public sealed record PageInfo(bool HasNextPage, string? EndCursor);
