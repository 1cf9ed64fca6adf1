using SalesBot.Shopify.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>A small hand-written catalog for tests that must not depend on the sample CSVs.</summary>
public static class TestCatalog
{
    public const string Shop = "demo-store.myshopify.com";

    public static ShopifyData Create() => new(new CatalogData(
        new ShopInfo("gid://shopify/Shop/1", "Test Boutique", null, Shop, "https://boutique.example", "USD", "UTC",
            new Domain("https://boutique.example", "boutique.example"), new CurrencyFormats("${{amount}}", "${{amount}} USD"), []),
        new Connection<Product>(
        [
            Product(1, "Ocean Blue Shirt", "ocean-blue-shirt", "Shirt", ["men"], ("Default Title", 50m, true)),
            Product(2, "Galaxy Earrings", "galaxy-earrings", "Earrings", ["silver"], ("Default Title", 37.99m, true)),
            Product(3, "7 Shakra Bracelet", "chain-bracelet", "Bracelet", ["beads"], ("Blue", 42.99m, true), ("Black", 42.99m, false)),
            Product(4, "Pink Armchair", "pink-armchair", "Chair", ["indoor"], ("Default Title", 750m, false)),
        ]),
        new Connection<Collection>([]),
        new Connection<DiscountNode>([SampleCatalog.Discount("SPRING15", "15% off everything")])), null);

    private static Product Product(int id, string title, string handle, string type, string[] tags, params (string Title, decimal Price, bool Available)[] variants) =>
        new($"gid://shopify/Product/{id}", title, handle, $"<p>A lovely {title.ToLowerInvariant()}.</p>", "Test Vendor", type, tags, "ACTIVE",
            $"https://boutique.example/products/{handle}", null, null, variants.Count(v => v.Available),
            [new ProductOption("o1", variants[0].Title == "Default Title" ? "Title" : "Color", 1, variants.Select(v => v.Title).ToList())],
            null,
            new Connection<Media>([new Media(null, null, "IMAGE", new Image($"https://cdn.example/{handle}.jpg", null))]),
            new Connection<ProductVariant>(variants.Select((v, i) => new ProductVariant(
                $"gid://shopify/ProductVariant/{id * 100 + i}", v.Title, null, v.Price, null, v.Available, v.Available ? 5 : 0, "DENY", i + 1,
                [new SelectedOption(variants[0].Title == "Default Title" ? "Title" : "Color", v.Title)], null, null)).ToList()));
}
