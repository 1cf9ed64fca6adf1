using System.Globalization;
using SalesBot.Catalog;
namespace SalesBot.TestKit;

/// <summary>
/// Loads Shopify's sample product CSVs (../shared/data/shopify-sample-products beside the repository)
/// into a <see cref="ShopifyData"/> for one shop, as the sync side would publish it.
/// </summary>
public static class SampleCatalog
{
    public const string Shop = "demo-store.myshopify.com";

    private static readonly Lazy<string?> Folder = new(FindFolder);

    public static string? Directory => Folder.Value;

    public static string? SkipReason => Directory is null
        ? "Sample catalogs not found: expected ../shared/data/shopify-sample-products next to the folder holding SalesBot.slnx"
        : null;

    public static ShopifyData Load(IReadOnlyList<DiscountNode>? discounts = null)
    {
        var folder = Directory ?? throw new InvalidOperationException(SkipReason);
        var products = new List<Product>();
        var collections = new List<Collection>();
        var nextId = 1000L;
        foreach (var file in System.IO.Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal))
        {
            var fromFile = LoadFile(file, ref nextId);
            products.AddRange(fromFile);
            var name = Path.GetFileNameWithoutExtension(file);
            collections.Add(new Collection($"gid://shopify/Collection/{nextId++}", CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.Replace('-', ' ')),
                name, null, null, null, new Connection<ProductReference>(fromFile.Select(p => new ProductReference(p.Id)).ToList())));
        }
        return CatalogBuilder.Catalog(CatalogBuilder.DollarShop(Shop, "Demo Store", "demo-store.example", policies: []), products, collections, discounts);
    }

    public static DiscountNode Discount(string code, string summary, string status = "ACTIVE") =>
        CatalogBuilder.CodeDiscount($"gid://shopify/DiscountCodeNode/{code.Length}", code, [code], status, summary);

    private static List<Product> LoadFile(string file, ref long nextId)
    {
        var rows = ReadRows(file);

        var products = new List<Product>();
        foreach (var group in rows.GroupBy(r => r["Handle"]))
        {
            var first = group.First();
            var productId = $"gid://shopify/Product/{nextId++}";
            var variants = new List<ProductVariant>();
            var images = new List<Media>();
            foreach (var row in group)
            {
                if (row.GetValueOrDefault("Image Src") is { Length: > 0 } src && images.All(m => m.Image!.Url != src))
                    images.Add(CatalogBuilder.Image(src));
                if (string.IsNullOrEmpty(row.GetValueOrDefault("Variant Price"))) continue;
                var options = new List<SelectedOption>();
                for (var i = 1; i <= 3; i++)
                    if (row.GetValueOrDefault($"Option{i} Value") is { Length: > 0 } value)
                        options.Add(new SelectedOption(first.GetValueOrDefault($"Option{i} Name") ?? $"Option{i}", value));
                var qty = long.TryParse(row.GetValueOrDefault("Variant Inventory Qty"), out var q) ? q : 0;
                var available = qty > 0 || row.GetValueOrDefault("Variant Inventory Policy") == "continue";
                variants.Add(CatalogBuilder.Variant($"gid://shopify/ProductVariant/{nextId++}", string.Join(" / ", options.Select(o => o.Value)),
                    decimal.Parse(row["Variant Price"], CultureInfo.InvariantCulture), options, position: variants.Count + 1, available: available,
                    quantity: qty, sku: row.GetValueOrDefault("Variant SKU"),
                    compareAtPrice: decimal.TryParse(row.GetValueOrDefault("Variant Compare At Price"), CultureInfo.InvariantCulture, out var c) ? c : null));
            }
            var optionNames = Enumerable.Range(1, 3).Select(i => first.GetValueOrDefault($"Option{i} Name")).Where(n => !string.IsNullOrEmpty(n)).ToList();
            products.Add(CatalogBuilder.Product(productId, first["Title"], group.Key, variants,
                description: first.GetValueOrDefault("Body (HTML)"), vendor: first.GetValueOrDefault("Vendor"), productType: first.GetValueOrDefault("Type"),
                tags: (first.GetValueOrDefault("Tags") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                status: first.GetValueOrDefault("Published") == "true" ? "ACTIVE" : "DRAFT",
                onlineStoreUrl: $"https://demo-store.example/products/{group.Key}",
                options: optionNames.Select((n, i) => new ProductOption($"opt{i}", n!, i + 1, variants.Select(v => v.SelectedOptions.ElementAtOrDefault(i)?.Value ?? "").Distinct().ToList())).ToList(),
                media: images));
        }
        return products;
    }

    private static readonly string[] Columns =
    [
        "Handle", "Title", "Body (HTML)", "Vendor", "Type", "Tags", "Published",
        "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
        "Variant SKU", "Variant Inventory Qty", "Variant Inventory Policy", "Variant Price", "Variant Compare At Price", "Image Src",
    ];

    /// <summary>The export's rows as column → value, read with CsvHelper like the sandbox's importer.</summary>
    private static List<Dictionary<string, string>> ReadRows(string file)
    {
        using var csv = CsvHelper.CsvReader.FromFile(file, null);
        csv.ReadHeader();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(Columns.ToDictionary(c => c, c => csv.TryGetFieldIndex(c, out var index) && index < csv.FieldCount ? csv.GetString(index) : ""));
        return rows;
    }

    // Self-contained rather than using the tests' RepoPaths: benches use this too.
    private static string? FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "SalesBot.slnx"))) continue;
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "shopify-sample-products"));
            return System.IO.Directory.Exists(candidate) ? candidate : null;
        }
        return null;
    }
}
