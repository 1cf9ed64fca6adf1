using SalesBot.Catalog;

namespace SalesBot.TestKit;

/// <summary>A deterministic, realistically worded catalog: N products × 5 variants with inventory levels, a few collections and discounts (the snapshot bench's).</summary>
public static class GeneratedCatalog
{
    private static readonly string[] Adjectives = ["Organic", "Classic", "Vintage", "Lightweight", "Premium", "Everyday", "Recycled", "Handmade", "Slim-fit", "Waterproof"];
    private static readonly string[] Materials = ["Cotton", "Linen", "Merino Wool", "Denim", "Bamboo", "Leather", "Canvas", "Cashmere"];
    private static readonly string[] Kinds = ["T-Shirt", "Hoodie", "Sneakers", "Backpack", "Jacket", "Chinos", "Beanie", "Socks", "Dress", "Scarf"];
    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL"];

    public static ShopifyData Generate(string shop, int products)
    {
        var random = new Random(42);
        var nodes = Enumerable.Range(1, products).Select(i => Product(i, random)).ToList();
        var collections = Kinds.Select((kind, c) => new Collection(
            $"gid://shopify/Collection/{c + 1}", $"{kind}s", kind.ToLowerInvariant() + "s", $"Every {kind.ToLowerInvariant()} we make.", "2025-03-01T10:00:00Z",
            null, new(nodes.Where(p => p.ProductType == kind).Take(250).Select(p => new ProductReference(p.Id)).ToList()))).ToList();
        var discounts = Enumerable.Range(1, 20).Select(i => CatalogBuilder.CodeDiscount($"gid://shopify/DiscountCodeNode/{i}", $"Spring sale {i}",
            [$"SPRING{i * 5}"], summary: $"{i * 5}% off everything", startsAt: "2025-03-01T00:00:00Z", usageLimit: 1000, appliesOncePerCustomer: true,
            value: CatalogBuilder.Percentage(i * 0.05))).ToList();
        var info = CatalogBuilder.DollarShop(shop, "Bench Outfitters", shop) with { Description = "Clothing and gear for every season.", IanaTimezone = "America/New_York" };
        return CatalogBuilder.Catalog(info, nodes, collections, discounts, new FetchReport("bulk", 3, 10, 10, 0, 0, 12.5, new ThrottleReport(2000, 1990, 100)));
    }

    private static Product Product(int i, Random random)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var title = $"{Adjectives[random.Next(Adjectives.Length)]} {Materials[random.Next(Materials.Length)]} {kind}";
        var handle = title.ToLowerInvariant().Replace(' ', '-') + "-" + i;
        var basePrice = Math.Round(9.99m + random.Next(0, 200), 2);
        var variants = Sizes.Select((size, v) => CatalogBuilder.Variant(
            $"gid://shopify/ProductVariant/{i * 10 + v}", size, basePrice + v, [new SelectedOption("Size", size)], position: v + 1,
            quantity: random.Next(0, 50), sku: $"BO-{i:D5}-{size}", compareAtPrice: v == 0 ? basePrice + 10 : null,
            inventoryItem: new InventoryItem($"gid://shopify/InventoryItem/{i * 10 + v}", true,
                new([new InventoryLevel($"gid://shopify/InventoryLevel/{i * 10 + v}?inventory_item_id={i * 10 + v}", new Location("gid://shopify/Location/1", "Warehouse"),
                    [new InventoryQuantity("available", random.Next(0, 50))])])))).ToList();
        return CatalogBuilder.Product($"gid://shopify/Product/{i}", title, handle, variants,
            description: $"Our {title.ToLowerInvariant()} is made to last, with reinforced seams and a relaxed fit. Machine washable; ships in recycled packaging.",
            vendor: "Bench Outfitters", productType: kind, tags: [kind.ToLowerInvariant(), "new-arrival", i % 3 == 0 ? "sale" : "core"],
            onlineStoreUrl: $"https://bench.example.com/products/{handle}", createdAt: "2024-11-05T09:30:00Z", updatedAt: "2025-02-14T16:45:00Z",
            options: [new ProductOption($"gid://shopify/ProductOption/{i}", "Size", 1, Sizes)],
            priceRange: new PriceRange(new MoneyV2(basePrice, "USD"), new MoneyV2(basePrice + 4, "USD")),
            media: [CatalogBuilder.Image($"https://cdn.shopify.com/s/files/1/0000/0001/products/{handle}.jpg?v=1739551545", id: $"gid://shopify/MediaImage/{i}", alt: title)]);
    }
}
