using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>Builds a deterministic catalog from a seed: fast enough for 10,000+ products in tests and benchmarks.</summary>
public static class CatalogGenerator
{
    private static readonly string[] Adjectives = ["Classic", "Organic", "Vintage", "Everyday", "Premium", "Rugged", "Soft", "Bright", "Minimal", "Cozy"];
    private static readonly string[] Nouns = ["Shirt", "Mug", "Backpack", "Candle", "Sneaker", "Scarf", "Lamp", "Notebook", "Bracelet", "Planter"];
    private static readonly string[] Types = ["Apparel", "Home", "Accessories", "Stationery", "Jewelry"];
    private static readonly string[] Colors = ["Red", "Blue", "Green", "Black", "White", "Grey", "Navy", "Olive", "Sand", "Pink", "Teal", "Gold"];
    private static readonly string[] Sizes = ["XS", "S", "M", "L", "XL", "XXL", "3XL", "4XL", "5XL", "6XL", "7XL", "8XL"];
    private static readonly string[] Materials = ["Cotton", "Linen", "Wool", "Silk", "Denim", "Leather", "Canvas", "Hemp", "Bamboo", "Cashmere"];

    public static void Populate(ShopifyStore store, CatalogGeneratorSpec spec)
    {
        var random = new Random(spec.Seed);
        for (var l = 0; l < Math.Max(1, spec.Locations); l++) store.AddLocation(l == 0 ? "Main Warehouse" : $"Store {l}");

        for (var p = 0; p < spec.Products; p++)
        {
            var noun = Nouns[random.Next(Nouns.Length)];
            var title = $"{Adjectives[random.Next(Adjectives.Length)]} {noun} {p + 1}";
            var product = store.AddProduct(title);
            product.Description = $"A {title.ToLowerInvariant()} made with care. Great for gifts and everyday use.";
            product.Vendor = $"Vendor {random.Next(1, 8)}";
            product.ProductType = Types[p % Types.Length];
            product.Tags = [noun.ToLowerInvariant(), Colors[random.Next(Colors.Length)].ToLowerInvariant()];
            if (p % 17 == 16) product.Status = "DRAFT";
            else if (p % 19 == 18) product.Status = "ARCHIVED";
            else if (p % 23 == 22) product.PublishedOnOnlineStore = false;
            // Some products are sold out in every variant, as in a real store, so "in stock" means something.
            var soldOut = p % 13 == 12;
            var image = store.AddMedia(product, $"https://cdn.example.test/products/{product.Handle}.jpg", title);
            var basePrice = Math.Round(5m + (decimal)random.NextDouble() * 195m, 2);

            var count = p < spec.LargeProducts ? spec.LargeProductVariants : Math.Max(1, spec.VariantsPerProduct);
            for (var v = 0; v < count; v++)
            {
                var options = VariantOptions(v, count);
                var title2 = options.Count == 0 ? "Default Title" : string.Join(" / ", options.Select(o => o.Value));
                var stock = store.Locations.Select(l => (l, random.Next(0, 30))).Select(s => soldOut ? (s.l, 0) : s);
                var price = basePrice + v % 4 * 2m;
                var variant = store.AddVariant(product, title2, price, options, stock, $"SKU-{product.Id}-{v + 1}",
                    v % 5 == 0 ? price + 10m : null);
                if (v == 0) variant.Image = image;
                if (v % 11 == 10 && !soldOut) variant.InventoryPolicy = "CONTINUE";
            }
            store.RefreshOptions(product);
        }

        var productIds = store.Products.Keys.ToArray();
        for (var c = 0; c < spec.Collections && productIds.Length > 0; c++)
        {
            // Collections overlap and vary in size, as real ones do.
            var members = productIds.Where((_, i) => (i + c) % (c + 2) == 0);
            var collection = store.AddCollection($"{Types[c % Types.Length]} Collection {c + 1}", members);
            collection.Description = $"Hand-picked {Types[c % Types.Length].ToLowerInvariant()}.";
            collection.ImageUrl = $"https://cdn.example.test/collections/{collection.Handle}.jpg";
        }

        for (var d = 0; d < spec.Discounts; d++)
        {
            var codes = d < spec.LargeDiscounts ? spec.LargeDiscountCodes : spec.CodesPerDiscount;
            SampleDiscounts.Add(store, d, Enumerable.Range(1, Math.Max(1, codes)).Select(i => $"SAVE{d + 1}-{i:D3}"));
        }
        if (spec.RestrictedDiscounts) SampleDiscounts.AddRestricted(store);
    }

    /// <summary>Size and colour for ordinary products; a third axis (material) once two are not enough.</summary>
    private static List<KeyValuePair<string, string>> VariantOptions(int index, int count)
    {
        if (count == 1) return [];
        var options = new List<KeyValuePair<string, string>> { new("Size", Sizes[index % Sizes.Length]) };
        if (count > Sizes.Length) options.Add(new("Color", Colors[index / Sizes.Length % Colors.Length]));
        if (count > Sizes.Length * Colors.Length) options.Add(new("Material", Materials[index / (Sizes.Length * Colors.Length)]));
        return options;
    }
}
