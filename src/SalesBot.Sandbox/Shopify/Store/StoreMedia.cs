namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>A product image (the only media kind the sandbox emulates: MediaImage).</summary>
public sealed record StoreMedia(long Id, string Url, string? Alt)
{
    public string Gid => Store.Gid.For("MediaImage", Id);
}

public sealed record StoreLocation(long Id, string Name)
{
    public string Gid => Store.Gid.For("Location", Id);
}
