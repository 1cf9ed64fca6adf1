using SalesBot.Catalog;

namespace SalesBot.TestKit;

/// <summary>A generated catalog of any size with realistic words, up to three sizes, prices and stock (the assistant bench's).</summary>
public static class SyntheticCatalog
{
    private static readonly string[] Colors = ["blue", "red", "black", "white", "green", "navy", "olive", "pink", "grey", "yellow", "gold", "silver"];
    private static readonly string[] Materials = ["cotton", "silk", "leather", "wool", "linen", "denim", "ceramic", "wooden", "copper", "velvet"];
    private static readonly string[] Nouns = ["shirt", "jacket", "dress", "sweater", "scarf", "bag", "earrings", "necklace", "bracelet", "ring", "sofa", "lamp", "pillow", "pot", "candle", "table", "chair", "blanket", "mug", "vase", "sneakers", "boots", "hat", "belt"];
    private static readonly string[] Styles = ["classic", "modern", "boho", "vintage", "minimal", "summer", "winter", "sport", "cozy", "elegant"];
    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL"];

    public static ShopifyData Create(int count, int seed = 42)
    {
        var random = new Random(seed);
        var products = new List<Product>(count);
        for (var i = 0; i < count; i++)
        {
            var color = Colors[random.Next(Colors.Length)];
            var noun = Nouns[random.Next(Nouns.Length)];
            var title = $"{Cap(Styles[random.Next(Styles.Length)])} {Cap(color)} {Cap(Materials[random.Next(Materials.Length)])} {Cap(noun)} {i}";
            var handle = title.ToLowerInvariant().Replace(' ', '-');
            var price = Math.Round((decimal)(random.NextDouble() * 200 + 5), 2);
            var variantCount = random.Next(1, 4);
            var optionName = variantCount == 1 ? "Title" : "Size";
            var variants = Enumerable.Range(0, variantCount).Select(v =>
            {
                var size = variantCount == 1 ? "Default Title" : Sizes[v];
                return CatalogBuilder.Variant($"gid://shopify/ProductVariant/{i * 10 + v}", size, price, [new SelectedOption(optionName, size)],
                    position: v + 1, available: random.NextDouble() > 0.15, quantity: random.Next(0, 20));
            }).ToList();
            products.Add(CatalogBuilder.Product($"gid://shopify/Product/{i}", title, handle, variants,
                description: $"<p>A {Styles[random.Next(Styles.Length)]} {color} {noun} in {Materials[random.Next(Materials.Length)]}, made to last and easy to love.</p>",
                vendor: "Bench Vendor", productType: Cap(noun), tags: [color, noun, Styles[random.Next(Styles.Length)]],
                onlineStoreUrl: $"https://bench.example/products/{handle}", totalInventory: 10,
                options: [new ProductOption("o", optionName, 1, variants.Select(v => v.Title).ToList())],
                media: [CatalogBuilder.Image($"https://cdn.example/{i}.jpg")]));
        }
        return CatalogBuilder.Catalog(CatalogBuilder.DollarShop("bench.myshopify.com", "Bench Store", "bench.example", policies: []) with { Url = null }, products);
    }
    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
