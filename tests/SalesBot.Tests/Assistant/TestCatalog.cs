using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>A small hand-written catalog for tests that must not depend on the sample CSVs.</summary>
public static class TestCatalog
{
    public const string Shop = "demo-store.myshopify.com";

    /// <summary>The boutique with SPRING15, or with <paramref name="discounts"/> instead.</summary>
    public static ShopifyData Create(IReadOnlyList<DiscountNode>? discounts = null) => CatalogBuilder.Catalog(
        CatalogBuilder.DollarShop(Shop, "Test Boutique", "boutique.example", policies: TestPolicies.For("boutique.example")),
        [
            Product(1, "Ocean Blue Shirt", "ocean-blue-shirt", "Shirt", ["men"], ("Default Title", 50m, true)),
            Product(2, "Galaxy Earrings", "galaxy-earrings", "Earrings", ["silver"], ("Default Title", 37.99m, true)),
            Product(3, "7 Shakra Bracelet", "chain-bracelet", "Bracelet", ["beads"], ("Blue", 42.99m, true), ("Black", 42.99m, false)),
            Product(4, "Pink Armchair", "pink-armchair", "Chair", ["indoor"], ("Default Title", 750m, false)),
        ],
        discounts: discounts ?? [SampleCatalog.Discount("SPRING15", "15% off everything")]);

    private static Product Product(int id, string title, string handle, string type, string[] tags, params (string Title, decimal Price, bool Available)[] variants)
    {
        var option = variants[0].Title == "Default Title" ? "Title" : "Color";
        return CatalogBuilder.Product($"gid://shopify/Product/{id}", title, handle,
            variants.Select((v, i) => CatalogBuilder.Variant($"gid://shopify/ProductVariant/{id * 100 + i}", v.Title, v.Price,
                [new SelectedOption(option, v.Title)], position: i + 1, available: v.Available, quantity: v.Available ? 5 : 0)).ToList(),
            description: $"<p>A lovely {title.ToLowerInvariant()}.</p>", vendor: "Test Vendor", productType: type, tags: tags,
            onlineStoreUrl: $"https://boutique.example/products/{handle}", totalInventory: variants.Count(v => v.Available),
            options: [new ProductOption("o1", option, 1, variants.Select(v => v.Title).ToList())],
            media: [CatalogBuilder.Image($"https://cdn.example/{handle}.jpg")]);
    }
}
