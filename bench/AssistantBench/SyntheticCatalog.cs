using SalesBot.Shopify.Catalog;

namespace AssistantBench;

/// <summary>A generated catalog of any size with realistic words, variants, prices and stock.</summary>
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
            var variants = Enumerable.Range(0, variantCount).Select(v => new ProductVariant(
                $"gid://shopify/ProductVariant/{i * 10 + v}", variantCount == 1 ? "Default Title" : Sizes[v], null, price, null,
                random.NextDouble() > 0.15, random.Next(0, 20), "DENY", v + 1,
                [new SelectedOption(variantCount == 1 ? "Title" : "Size", variantCount == 1 ? "Default Title" : Sizes[v])], null, null)).ToList();
            products.Add(new Product($"gid://shopify/Product/{i}", title, handle,
                $"<p>A {Styles[random.Next(Styles.Length)]} {color} {noun} in {Materials[random.Next(Materials.Length)]}, made to last and easy to love.</p>",
                "Bench Vendor", Cap(noun), [color, noun, Styles[random.Next(Styles.Length)]], "ACTIVE", $"https://bench.example/products/{handle}", null, null, 10,
                [new ProductOption("o", variants[0].SelectedOptions[0].Name, 1, variants.Select(v => v.Title).ToList())], null,
                new Connection<Media>([new Media(null, null, "IMAGE", new Image($"https://cdn.example/{i}.jpg", null))]),
                new Connection<ProductVariant>(variants)));
        }
        var shop = new ShopInfo("gid://shopify/Shop/1", "Bench Store", null, "bench.myshopify.com", null, "USD", "UTC",
            new Domain("https://bench.example", "bench.example"), new CurrencyFormats("${{amount}}", "${{amount}} USD"), []);
        return new ShopifyData(new CatalogData(shop, new(products), new([]), new([])), null);
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
