namespace SalesBot.Catalog;

public sealed record Collection(
    string Id,
    string Title,
    string Handle,
    string? Description,
    string? UpdatedAt,
    Image? Image,
    Connection<ProductReference> Products);

/// <summary>A collection member: just the product's id, which points into the catalog's products.</summary>
public sealed record ProductReference(string Id);
