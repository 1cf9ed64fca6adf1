namespace SalesBot.Sandbox.Shopify.Store;

/// <summary>A product in an emulated store. Mutated only under the store's gate.</summary>
public sealed class StoreProduct
{
    public required long Id { get; init; }
    public required string Title { get; set; }
    public required string Handle { get; set; }
    /// <summary>Plain text, as the Admin API's <c>description</c> field returns it.</summary>
    public string Description { get; set; } = "";
    public string Vendor { get; set; } = "";
    public string ProductType { get; set; } = "";
    public List<string> Tags { get; set; } = [];
    /// <summary>ACTIVE, DRAFT or ARCHIVED.</summary>
    public string Status { get; set; } = "ACTIVE";
    /// <summary>Published on the Online Store sales channel; an active product that is not has a null <c>onlineStoreUrl</c>.</summary>
    public bool PublishedOnOnlineStore { get; set; } = true;
    /// <summary>What Shopify shows a shopper: active and published on the online store.</summary>
    public bool IsOnOnlineStore => Status == "ACTIVE" && PublishedOnOnlineStore;
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public List<StoreProductOption> Options { get; set; } = [];
    public List<StoreVariant> Variants { get; } = [];
    public List<StoreMedia> Media { get; } = [];

    public string Gid => Store.Gid.For("Product", Id);
    public int TotalInventory => Variants.Sum(v => v.InventoryItem.Tracked ? v.InventoryQuantity : 0);
}

public sealed record StoreProductOption(long Id, string Name, int Position, IReadOnlyList<string> Values);
