using SalesBot.Shopify.Catalog;

namespace SnapshotBench;

/// <summary>A deterministic, realistically worded catalog: N products × 5 variants, a few collections and discounts.</summary>
public static class CatalogGenerator
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
        var discounts = Enumerable.Range(1, 20).Select(i => new DiscountNode($"gid://shopify/DiscountCodeNode/{i}",
            new CodeDiscount("DiscountCodeBasic", $"Spring sale {i}", "ACTIVE", $"{i * 5}% off everything", "2025-03-01T00:00:00Z", null, 1000, true, null,
                new([new DiscountRedeemCode($"gid://shopify/DiscountRedeemCode/{i}", $"SPRING{i * 5}")]), null,
                new DiscountCustomerGets(new DiscountGetsValue("DiscountPercentage", i * 0.05, null, null, null, null)), null, null))).ToList();
        var info = new ShopInfo("gid://shopify/Shop/1", "Bench Outfitters", "Clothing and gear for every season.", shop, $"https://{shop}", "USD",
            "America/New_York", new Domain($"https://{shop}", shop), new CurrencyFormats("${{amount}}", "${{amount}} USD"), null);
        return new ShopifyData(new CatalogData(info, new(nodes), new(collections), new(discounts)),
            new FetchReport("bulk", 3, 10, 10, 0, 0, 12.5, new ThrottleStatus(2000, 1990, 100)));
    }

    private static Product Product(int i, Random random)
    {
        var kind = Kinds[random.Next(Kinds.Length)];
        var title = $"{Adjectives[random.Next(Adjectives.Length)]} {Materials[random.Next(Materials.Length)]} {kind}";
        var handle = title.ToLowerInvariant().Replace(' ', '-') + "-" + i;
        var basePrice = Math.Round(9.99m + random.Next(0, 200), 2);
        var variants = Sizes.Select((size, v) => new ProductVariant(
            $"gid://shopify/ProductVariant/{i * 10 + v}", size, $"BO-{i:D5}-{size}", basePrice + v, v == 0 ? basePrice + 10 : null,
            true, random.Next(0, 50), "DENY", v + 1, [new SelectedOption("Size", size)], null,
            new InventoryItem($"gid://shopify/InventoryItem/{i * 10 + v}", true,
                new([new InventoryLevel($"gid://shopify/InventoryLevel/{i * 10 + v}?inventory_item_id={i * 10 + v}", new Location("gid://shopify/Location/1", "Warehouse"),
                    [new InventoryQuantity("available", random.Next(0, 50))])])))).ToList();
        return new Product($"gid://shopify/Product/{i}", title, handle,
            $"Our {title.ToLowerInvariant()} is made to last, with reinforced seams and a relaxed fit. Machine washable; ships in recycled packaging.",
            "Bench Outfitters", kind, [kind.ToLowerInvariant(), "new-arrival", i % 3 == 0 ? "sale" : "core"], "ACTIVE", $"https://bench.example.com/products/{handle}",
            "2024-11-05T09:30:00Z", "2025-02-14T16:45:00Z", variants.Sum(v => v.InventoryQuantity ?? 0),
            [new ProductOption($"gid://shopify/ProductOption/{i}", "Size", 1, Sizes)],
            new PriceRange(new MoneyV2(basePrice, "USD"), new MoneyV2(basePrice + 4, "USD")),
            new([new Media($"gid://shopify/MediaImage/{i}", title, "IMAGE", new Image($"https://cdn.shopify.com/s/files/1/0000/0001/products/{handle}.jpg?v=1739551545", title))]),
            new(variants));
    }
}
