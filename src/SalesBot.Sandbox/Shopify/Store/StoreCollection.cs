namespace SalesBot.Sandbox.Shopify.Store;

public sealed class StoreCollection
{
    public required long Id { get; init; }
    public required string Title { get; set; }
    public required string Handle { get; set; }
    public string Description { get; set; } = "";
    public string? ImageUrl { get; set; }
    public required DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Member product ids, kept sorted so paging by id works.</summary>
    public SortedSet<long> ProductIds { get; set; } = [];

    public string Gid => Store.Gid.For("Collection", Id);
}
