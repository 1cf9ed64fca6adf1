using SalesBot.Assistant;
using SalesBot.Catalog;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The test boutique plus a jacket in Size × Color (one combination sold out, one nearly) and a one-variant hat:
/// enough for conversations that pick a variant, fill a cart and check out. Tests read ids and prices from it.
/// </summary>
public static class SaleCatalog
{
    public const string JacketTitle = "Trail Jacket";
    public const string HatTitle = "Wool Hat";

    public static CatalogIndex Create(IReadOnlyList<DiscountNode>? discounts = null) => new(Data(discounts));

    /// <summary>The catalog as a snapshot holds it, for an app started on it.</summary>
    public static ShopifyData Data(IReadOnlyList<DiscountNode>? discounts = null, params Product[] more)
    {
        var data = TestCatalog.Create(discounts);
        var products = data.Data.Products.Nodes.Concat([Jacket(), Hat(), .. more]).ToList();
        return data with { Data = data.Data with { Products = new(products) } };
    }

    /// <summary>Two more jackets, one cheaper and one dearer than the Trail Jacket, for "cheaper" and "similar".</summary>
    public static CatalogIndex WithMoreJackets() => new(Data(null,
        OtherJacket(93, "Packable Jacket", "packable-jacket", 79m, ["outdoor", "travel"]),
        OtherJacket(94, "Storm Jacket", "storm-jacket", 159m, ["outdoor"])));

    private static Product OtherJacket(int id, string title, string handle, decimal price, string[] tags) => CatalogBuilder.Product(
        $"gid://shopify/Product/{id}", title, handle,
        [CatalogBuilder.Variant($"gid://shopify/ProductVariant/{id}00", "Default Title", price, [new SelectedOption("Title", "Default Title")], quantity: 4)],
        description: "<p>A jacket.</p>", vendor: "Test Vendor", productType: "Jacket", tags: tags,
        onlineStoreUrl: $"https://boutique.example/products/{handle}",
        options: [CatalogBuilder.Option("o-title", "Title", 1, ["Default Title"])],
        media: [CatalogBuilder.Image($"https://cdn.example/{handle}.jpg")]);

    public static IndexedProduct Product(CatalogIndex catalog, string title) => catalog.Products.Single(p => p.Product.Title == title);

    public static ProductVariant Variant(IndexedProduct product, params (string Option, string Value)[] options) =>
        product.Product.Variants.Nodes.Single(v => options.All(o => v.SelectedOptions.Any(s => s.Name == o.Option && s.Value == o.Value)));

    private static Product Jacket()
    {
        string[] sizes = ["S", "M", "L"], colors = ["Blue", "Red"];
        var variants = new List<ProductVariant>();
        foreach (var size in sizes)
        foreach (var color in colors)
        {
            var soldOut = size == "M" && color == "Red";
            variants.Add(CatalogBuilder.Variant($"gid://shopify/ProductVariant/{9100 + variants.Count}", $"{size} / {color}", size == "L" ? 129m : 119m,
                [new SelectedOption("Size", size), new SelectedOption("Color", color)], position: variants.Count + 1,
                available: !soldOut, quantity: soldOut ? 0 : size == "L" && color == "Blue" ? 2 : 7));
        }
        return CatalogBuilder.Product("gid://shopify/Product/91", JacketTitle, "trail-jacket", variants,
            description: "<p>A light rain jacket.</p>", vendor: "Test Vendor", productType: "Jacket", tags: ["outdoor"],
            onlineStoreUrl: "https://boutique.example/products/trail-jacket",
            options: [CatalogBuilder.Option("o-size", "Size", 1, sizes), CatalogBuilder.Option("o-color", "Color", 2, colors)],
            media: [CatalogBuilder.Image("https://cdn.example/trail-jacket.jpg")]);
    }

    private static Product Hat() => CatalogBuilder.Product("gid://shopify/Product/92", HatTitle, "wool-hat",
        [CatalogBuilder.Variant("gid://shopify/ProductVariant/9200", "Default Title", 24.5m, [new SelectedOption("Title", "Default Title")], quantity: 12)],
        description: "<p>A warm wool hat.</p>", vendor: "Test Vendor", productType: "Hat", tags: ["winter"],
        onlineStoreUrl: "https://boutique.example/products/wool-hat",
        options: [CatalogBuilder.Option("o-title", "Title", 1, ["Default Title"])],
        media: [CatalogBuilder.Image("https://cdn.example/wool-hat.jpg")]);
}
