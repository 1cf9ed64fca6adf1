using System.Globalization;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>
/// Builds a deterministic demo catalog from a seed (same spec, same catalog, ids included), fast enough for 10,000+
/// products in tests and benchmarks. Every product is one <see cref="ProductKind"/> throughout: its type, options,
/// tags, price and picture belong together, and titles are unique by words ("Harbor Linen Camp Shirt"), not numbers.
/// </summary>
public static class CatalogGenerator
{
    public static void Populate(ShopifyStore store, CatalogGeneratorSpec spec)
    {
        var random = new Random(spec.Seed);
        for (var l = 0; l < Math.Max(1, spec.Locations); l++) store.AddLocation(l == 0 ? "Main Warehouse" : $"Store {l}");

        var titles = new TitleMaker(spec.Seed);
        for (var p = 0; p < spec.Products; p++)
        {
            var large = p < spec.LargeProducts;
            var kind = large ? ProductKinds.Large : ProductKinds.All[(p - Math.Max(0, spec.LargeProducts)) % ProductKinds.All.Count];
            var (title, material, model) = titles.Next(kind);
            var product = store.AddProduct(title);
            product.Description = kind.Description.Replace("{material}", material.ToLowerInvariant()).Replace("{model}", model.Name.ToLowerInvariant());
            product.Vendor = kind.Vendors[random.Next(kind.Vendors.Count)];
            product.ProductType = kind.ProductType;
            product.Tags = Tags(kind, material, model, random);
            if (p % 17 == 16) product.Status = "DRAFT";
            else if (p % 19 == 18) product.Status = "ARCHIVED";
            else if (p % 23 == 22) product.PublishedOnOnlineStore = false;
            // Some products are sold out in every variant, as in a real store, so "in stock" means something.
            var soldOut = p % 13 == 12;
            var basePrice = Price(kind, random);
            // About one product in five is on sale, every variant of it, as a merchant marks a product down.
            var onSale = random.Next(5) == 0;
            var tint = kind.Tints.Count > 0 ? kind.Tints[random.Next(kind.Tints.Count)] : null;

            var count = Math.Min(kind.Combinations, large ? spec.LargeProductVariants : Math.Max(1, spec.VariantsPerProduct));
            var axes = Arrange(kind.AxesFor(count), count, random);
            for (var v = 0; v < count; v++)
            {
                var values = Combination(axes, v);
                var options = values.Select((value, axis) => new KeyValuePair<string, string>(axes[axis].Name, value.Name)).ToList();
                var stock = store.Locations.Select(l => (l, random.Next(0, 30))).Select(s => soldOut ? (s.l, 0) : s);
                var price = Math.Max(1m, basePrice + values.Sum(o => o.Surcharge));
                var variant = store.AddVariant(product, string.Join(" / ", values.Select(o => o.Name)), price, options, stock,
                    $"{kind.Slug[..3].ToUpperInvariant()}-{product.Id}-{v + 1}", onSale ? WholeDollarsLess(price * 1.25m) : null);
                // Each colour (finish, metal, scent) has its picture, as merchants attach one per colour.
                var shown = values.FirstOrDefault(o => o.Hex is not null);
                variant.Image = store.AddMedia(product, ProductImages.PathFor(kind, shown?.Hex ?? tint ?? "9a9a9a"),
                    shown is null ? title : $"{title} in {shown.Name}");
                if (v % 11 == 10 && !soldOut) variant.InventoryPolicy = "CONTINUE";
            }
            store.RefreshOptions(product);
        }

        AddCollections(store, spec.Collections);

        for (var d = 0; d < spec.Discounts; d++)
        {
            var codes = d < spec.LargeDiscounts ? spec.LargeDiscountCodes : spec.CodesPerDiscount;
            SampleDiscounts.Add(store, d, Enumerable.Range(1, Math.Max(1, codes)).Select(i => $"SAVE{d + 1}-{i:D3}"));
        }
        if (spec.RestrictedDiscounts) SampleDiscounts.AddRestricted(store);
    }

    /// <summary>
    /// Each product's own slice of its kind's values: colours (finishes, scents) start at a seeded place so one mug is
    /// black and the next sage; a first axis such as sizes is centred when only a few are stocked (S–L, not XS–M).
    /// </summary>
    private static List<(string Name, OptionValue[] Values)> Arrange(IReadOnlyList<OptionAxis> axes, int count, Random random) =>
    [
        .. axes.Select((axis, a) =>
        {
            var values = axis.Values;
            if (values.Any(v => v.Hex is not null))
            {
                var start = random.Next(values.Count);
                return (axis.Name, values.Skip(start).Concat(values.Take(start)).ToArray());
            }
            var window = a == 0 && count < values.Count ? (values.Count - count) / 2 : 0;
            return (axis.Name, values.Skip(window).ToArray());
        }),
    ];

    /// <summary>The v-th combination of the arranged values, first axis fastest (S / White, M / White, …).</summary>
    private static OptionValue[] Combination(List<(string Name, OptionValue[] Values)> axes, int index)
    {
        var values = new OptionValue[axes.Count];
        for (var a = 0; a < axes.Count; a++)
        {
            var axis = axes[a].Values;
            values[a] = axis[index % axis.Length];
            index /= axis.Length;
        }
        return values;
    }

    /// <summary>The kind's noun, who it is for (apparel), its material and its style: what a merchant would filter by.</summary>
    private static List<string> Tags(ProductKind kind, string material, KindModel model, Random random)
    {
        var tags = new List<string> { kind.Slug };
        if (kind.Audiences.Count > 0) tags.Add(kind.Audiences[random.Next(kind.Audiences.Count)]);
        tags.Add(material.ToLowerInvariant());
        tags.Add(model.Style);
        return [.. tags.Distinct()];
    }

    /// <summary>A price in the kind's band ending in .00 or .99, as shelf prices do.</summary>
    private static decimal Price(ProductKind kind, Random random)
    {
        var dollars = Math.Round(kind.MinPrice + (decimal)random.NextDouble() * (kind.MaxPrice - kind.MinPrice));
        return random.Next(3) == 0 ? dollars : dollars - 0.01m;
    }

    private static decimal WholeDollarsLess(decimal amount) => Math.Ceiling(amount) - 0.01m;

    /// <summary>
    /// One collection per product type, then per audience, material and style that products share, then price
    /// bands, then product lines: titles a merchant would give. The spec asks for how many; none is empty.
    /// </summary>
    private static void AddCollections(ShopifyStore store, int wanted)
    {
        var products = store.Products.Values.ToList();
        if (products.Count == 0 || wanted <= 0) return;
        var text = CultureInfo.InvariantCulture.TextInfo;
        IEnumerable<(string Title, string Description, Func<StoreProduct, bool> Member)> Candidates()
        {
            foreach (var kind in ProductKinds.All)
                yield return (kind.ProductType, $"All our {kind.ProductType.ToLowerInvariant()}.", p => p.ProductType == kind.ProductType);
            foreach (var audience in new[] { "women", "men", "unisex", "kids" })
                yield return (text.ToTitleCase(audience), $"Clothing and shoes for {audience}.", p => p.Tags.Contains(audience));
            foreach (var tag in products.SelectMany(p => p.Tags.Skip(1)).Distinct().Order(StringComparer.Ordinal))
                yield return (text.ToTitleCase(tag), $"Everything {tag}.", p => p.Tags.Contains(tag));
            foreach (var limit in new[] { 25m, 50m, 100m })
                yield return ($"Gifts under ${limit:0}", $"Presents for under ${limit:0}.", p => p.Variants.Count > 0 && p.Variants.Min(v => v.Price) < limit);
            for (var line = 0; ; line++)
            {
                var name = ProductKinds.Lines[line % ProductKinds.Lines.Count];
                var round = line / ProductKinds.Lines.Count;
                // A line's products, or (once lines run out, in stores far bigger than the demo) overlapping picks.
                yield return (round == 0 ? $"The {name} Line" : $"{name} Picks, Volume {round + 1}", $"Hand-picked from the {name} line.",
                    round == 0 ? p => p.Title.StartsWith(name + " ", StringComparison.Ordinal) : p => (int)(p.Id % (round + 2)) == 0);
            }
        }

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (title, description, member) in Candidates())
        {
            if (taken.Count >= wanted) break;
            var members = products.Where(member).Select(p => p.Id).ToList();
            if (members.Count == 0 || !taken.Add(title)) continue;
            var collection = store.AddCollection(title, members);
            collection.Description = description;
            collection.ImageUrl = store.Products[members[0]].Media.FirstOrDefault()?.Url;
        }
    }

    /// <summary>Unique titles from a line name, a material and a model, walked in a seeded order so neighbours differ.</summary>
    private sealed class TitleMaker(int seed)
    {
        private readonly Dictionary<ProductKind, int> _made = [];
        private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

        public (string Title, string Material, KindModel Model) Next(ProductKind kind)
        {
            var lines = ProductKinds.Lines;
            var capacity = lines.Count * kind.Materials.Count * kind.Models.Count;
            var stride = Stride(capacity);
            while (true)
            {
                var i = _made.GetValueOrDefault(kind);
                _made[kind] = i + 1;
                // i * stride mod capacity visits every combination once (stride is coprime with capacity).
                var j = (int)(((long)i * stride + (uint)seed + Offset(kind) * 977L) % capacity);
                // The model is the fastest digit: the stride is coprime with the model count, so neighbours differ in it.
                var model = kind.Models[j % kind.Models.Count];
                var material = kind.Materials[j / kind.Models.Count % kind.Materials.Count];
                var line = lines[j / (kind.Materials.Count * kind.Models.Count)];
                var round = i / capacity;
                // Past every combination (only in stores far larger than a demo), a second line name keeps titles apart.
                var prefix = round == 0 ? line : $"{lines[(round - 1) % lines.Count]} {line}";
                var title = $"{prefix} {material} {model.Name}";
                if (_used.Add(title)) return (title, material, model);
            }
        }

        /// <summary>Kinds start at different lines so the first shirt and the first mug do not share a name.</summary>
        private static int Offset(ProductKind kind) => Math.Max(0, ProductKinds.All.ToList().IndexOf(kind));

        private static int Stride(int capacity)
        {
            var stride = capacity * 5 / 8 + 1;
            while (Gcd(stride, capacity) != 1) stride++;
            return stride;
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
    }
}
