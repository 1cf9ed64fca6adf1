namespace SalesBot.Sandbox.Shopify.Store;

public sealed class StoreVariant
{
    public required long Id { get; init; }
    public required StoreProduct Product { get; init; }
    public required string Title { get; set; }
    public string? Sku { get; set; }
    public decimal Price { get; set; }
    public decimal? CompareAtPrice { get; set; }
    /// <summary>DENY or CONTINUE (sell when out of stock).</summary>
    public string InventoryPolicy { get; set; } = "DENY";
    public int Position { get; set; }
    public List<KeyValuePair<string, string>> SelectedOptions { get; set; } = [];
    public StoreMedia? Image { get; set; }
    public required StoreInventoryItem InventoryItem { get; init; }

    public string Gid => Store.Gid.For("ProductVariant", Id);
    public int InventoryQuantity => InventoryItem.Levels.Sum(l => l.Available);
    public bool AvailableForSale => !InventoryItem.Tracked || InventoryPolicy == "CONTINUE" || InventoryQuantity > 0;
}

public sealed class StoreInventoryItem
{
    public required long Id { get; init; }
    public bool Tracked { get; set; } = true;
    /// <summary>Set right after the variant is built; an item always belongs to one variant.</summary>
    public StoreVariant Variant { get; set; } = null!;
    /// <summary>One level per stocked location, ordered by location id.</summary>
    public List<StoreInventoryLevel> Levels { get; } = [];

    public string Gid => Store.Gid.For("InventoryItem", Id);
}

public sealed class StoreInventoryLevel
{
    public required StoreInventoryItem Item { get; init; }
    public required StoreLocation Location { get; init; }
    public int Available { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Shopify's level gid names the item and the location: <c>InventoryLevel/{n}?inventory_item_id={item}</c>.</summary>
    public string Gid => $"gid://shopify/InventoryLevel/{Location.Id}?inventory_item_id={Item.Id}";
}
