using SalesBot.Catalog;

namespace SalesBot.Tests.Snapshots;

/// <summary>Small catalogs in Shopify's shape, and the edits tests make to them.</summary>
public static class CatalogSamples
{
    public static string NewShop() => $"t{Guid.NewGuid():N}"[..16] + ".myshopify.com";

    public static ShopifyData Catalog(string shop, int products = 3) => CatalogBuilder.Catalog(
        CatalogBuilder.Shop(shop, "Test Store", $"https://{shop}", timezone: "America/New_York",
            policies: [new ShopPolicy("REFUND_POLICY", "Refunds", $"https://{shop}/policies/refund"), new ShopPolicy("SHIPPING_POLICY", "Shipping", $"https://{shop}/policies/shipping")]),
        Enumerable.Range(1, products).Select(Product).ToList(),
        [new Collection("gid://shopify/Collection/1", "All", "all", null, null, null, new([new ProductReference("gid://shopify/Product/1")])),
         new Collection("gid://shopify/Collection/2", "Sale", "sale", "On sale", null, null, Connection<ProductReference>.Empty)],
        [Discount(1), Discount(2)],
        new FetchReport("paged", 4, 120, 80, 0, 0, 0.42, new ThrottleReport(2000, 1920, 100)));

    public static Product Product(int i) => CatalogBuilder.Product(
        $"gid://shopify/Product/{i}", $"Product {i}", $"product-{i}", [Variant(i, 1, "S", 19.99m), Variant(i, 2, "M", 21.99m)],
        description: $"A fine product number {i}.", vendor: "Acme", productType: "Shirts", tags: ["cotton", "summer"],
        createdAt: "2025-01-01T00:00:00Z", updatedAt: "2025-01-02T00:00:00Z",
        options: [new ProductOption($"gid://shopify/ProductOption/{i}", "Size", 1, ["S", "M"])],
        priceRange: new PriceRange(new MoneyV2(19.99m, "USD"), new MoneyV2(21.99m, "USD")),
        media: [CatalogBuilder.Image($"https://cdn.example.com/{i}.jpg", id: $"gid://shopify/MediaImage/{i}")]);

    private static ProductVariant Variant(int product, int position, string size, decimal price) => CatalogBuilder.Variant(
        $"gid://shopify/ProductVariant/{product * 10 + position}", size, price, [new SelectedOption("Size", size)],
        position: position, sku: $"SKU-{product}-{size}",
        inventoryItem: new InventoryItem($"gid://shopify/InventoryItem/{product * 10 + position}", true,
            new([new InventoryLevel($"gid://shopify/InventoryLevel/{product}{position}a", new Location("gid://shopify/Location/1", "Main"), [new InventoryQuantity("available", 3)]),
                 new InventoryLevel($"gid://shopify/InventoryLevel/{product}{position}b", new Location("gid://shopify/Location/2", "Annex"), [new InventoryQuantity("available", 2)])])));

    private static DiscountNode Discount(int i) => CatalogBuilder.CodeDiscount($"gid://shopify/DiscountCodeNode/{i}", $"Save {i * 10}%",
        [$"SAVE{i}0", $"EXTRA{i}"], startsAt: "2025-01-01T00:00:00Z", appliesOncePerCustomer: false, value: CatalogBuilder.Percentage(i / 10.0));

    /// <summary>The same catalog as a fetch with pages in another order and another fetch report would return it.</summary>
    public static ShopifyData Reordered(ShopifyData data) => new(
        data.Data with
        {
            Shop = data.Data.Shop with { ShopPolicies = data.Data.Shop.ShopPolicies?.Reverse().ToList() },
            Products = new(data.Data.Products.Nodes.Reverse().Select(p => p with
            {
                Variants = new(p.Variants.Nodes.Reverse().Select(v => v with
                {
                    InventoryItem = v.InventoryItem! with { InventoryLevels = new(v.InventoryItem.InventoryLevels.Nodes.Reverse().ToList()) },
                }).ToList()),
            }).ToList()),
            Collections = new(data.Data.Collections.Nodes.Reverse().ToList()),
            CodeDiscountNodes = new(data.Data.CodeDiscountNodes.Nodes.Reverse().Select(d => d with
            {
                CodeDiscount = d.CodeDiscount with { Codes = new(d.CodeDiscount.Codes!.Nodes.Reverse().ToList()) },
            }).ToList()),
        },
        new FetchReport("bulk", 1, 10, 10, 1, 2, 3.5, null));

    /// <summary>One product's price changed, as a products/update webhook would report it.</summary>
    public static ShopifyData WithPrice(ShopifyData data, int product, decimal price) => data with
    {
        Data = data.Data with
        {
            Products = new(data.Data.Products.Nodes.Select(p => p.Id != $"gid://shopify/Product/{product}" ? p : p with
            {
                Variants = new(p.Variants.Nodes.Select(v => v with { Price = price }).ToList()),
            }).ToList()),
        },
    };
}
