using SalesBot.Shopify.Catalog;

namespace SalesBot.Tests.Snapshots;

/// <summary>Small catalogs in Shopify's shape, and the edits tests make to them.</summary>
public static class CatalogSamples
{
    public static string NewShop() => $"t{Guid.NewGuid():N}"[..16] + ".myshopify.com";

    public static ShopifyData Catalog(string shop, int products = 3) => new(
        new CatalogData(
            new ShopInfo("gid://shopify/Shop/1", "Test Store", null, shop, $"https://{shop}", "USD", "America/New_York", null, null,
                [new ShopPolicy("REFUND_POLICY", "Refunds", $"https://{shop}/policies/refund"), new ShopPolicy("SHIPPING_POLICY", "Shipping", $"https://{shop}/policies/shipping")]),
            new(Enumerable.Range(1, products).Select(Product).ToList()),
            new([new Collection("gid://shopify/Collection/1", "All", "all", null, null, null, new([new ProductReference("gid://shopify/Product/1")])),
                 new Collection("gid://shopify/Collection/2", "Sale", "sale", "On sale", null, null, Connection<ProductReference>.Empty)]),
            new([Discount(1), Discount(2)])),
        new FetchReport("paged", 4, 120, 80, 0, 0, 0.42, new ThrottleStatus(2000, 1920, 100)));

    public static Product Product(int i) => new(
        $"gid://shopify/Product/{i}", $"Product {i}", $"product-{i}", $"A fine product number {i}.", "Acme", "Shirts",
        ["cotton", "summer"], "ACTIVE", null, "2025-01-01T00:00:00Z", "2025-01-02T00:00:00Z", 10,
        [new ProductOption($"gid://shopify/ProductOption/{i}", "Size", 1, ["S", "M"])],
        new PriceRange(new MoneyV2(19.99m, "USD"), new MoneyV2(21.99m, "USD")),
        new([new Media($"gid://shopify/MediaImage/{i}", null, "IMAGE", new Image($"https://cdn.example.com/{i}.jpg", null))]),
        new([Variant(i, 1, "S", 19.99m), Variant(i, 2, "M", 21.99m)]));

    private static ProductVariant Variant(int product, int position, string size, decimal price) => new(
        $"gid://shopify/ProductVariant/{product * 10 + position}", size, $"SKU-{product}-{size}", price, null, true, 5, "DENY", position,
        [new SelectedOption("Size", size)], null,
        new InventoryItem($"gid://shopify/InventoryItem/{product * 10 + position}", true,
            new([new InventoryLevel($"gid://shopify/InventoryLevel/{product}{position}a", new Location("gid://shopify/Location/1", "Main"), [new InventoryQuantity("available", 3)]),
                 new InventoryLevel($"gid://shopify/InventoryLevel/{product}{position}b", new Location("gid://shopify/Location/2", "Annex"), [new InventoryQuantity("available", 2)])])));

    private static DiscountNode Discount(int i) => new($"gid://shopify/DiscountCodeNode/{i}",
        new CodeDiscount("DiscountCodeBasic", $"Save {i * 10}%", "ACTIVE", null, "2025-01-01T00:00:00Z", null, null, false, null,
            new([new DiscountRedeemCode(null, $"SAVE{i}0"), new DiscountRedeemCode(null, $"EXTRA{i}")]), null,
            new DiscountCustomerGets(new DiscountGetsValue("DiscountPercentage", i / 10.0, null, null, null, null)), null, null));

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
