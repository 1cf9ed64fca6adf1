using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CsvHelper;
using SalesBot.Sandbox.Shopify.Store;

namespace SalesBot.Sandbox.Shopify.Catalog;

/// <summary>
/// Loads a Shopify product CSV export. Rows sharing a Handle belong to one product: rows with an
/// option value are extra variants, rows with only an Image Src are extra images.
/// </summary>
public static partial class CsvCatalogLoader
{
    private static readonly string[] DiscountCodes = ["WELCOME10", "TENOFF50", "BUY2GET1", "FREESHIP75"];

    public static void Populate(ShopifyStore store, string path)
    {
        var main = store.AddLocation("Main Warehouse");
        var shop = store.AddLocation("Downtown Store");
        using var csv = CsvReader.FromFile(path, null);
        csv.ReadHeader();

        StoreProduct? product = null;
        while (csv.Read())
        {
            var handle = Field(csv, "Handle");
            if (handle.Length == 0) continue;
            if (product is null || product.Handle != handle)
            {
                if (product is not null) store.RefreshOptions(product);
                product = store.AddProduct(Field(csv, "Title") is { Length: > 0 } t ? t : handle, handle);
                product.Description = PlainText(Field(csv, "Body (HTML)"));
                product.Vendor = Field(csv, "Vendor");
                product.ProductType = Field(csv, "Type");
                product.Tags = [.. Field(csv, "Tags").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                if (Field(csv, "Status") is { Length: > 0 } status) product.Status = status.ToUpperInvariant();
                else if (Field(csv, "Published") == "false") product.Status = "DRAFT";
            }
            var image = Field(csv, "Image Src") is { Length: > 0 } src ? store.AddMedia(product, src, NullIfEmpty(Field(csv, "Image Alt Text"))) : null;
            if (Field(csv, "Option1 Value").Length == 0 && Field(csv, "Variant Price").Length == 0) continue;

            var options = new List<KeyValuePair<string, string>>();
            for (var i = 1; i <= 3; i++)
            {
                var value = Field(csv, $"Option{i} Value");
                if (value.Length == 0) continue;
                // Later rows leave the option names blank: reuse the first variant's.
                var name = Field(csv, $"Option{i} Name") is { Length: > 0 } n ? n
                    : product.Variants.FirstOrDefault()?.SelectedOptions.ElementAtOrDefault(i - 1).Key ?? $"Option{i}";
                if (name == "Title" && value == "Default Title") continue;
                options.Add(new(name, value));
            }
            var quantity = int.TryParse(Field(csv, "Variant Inventory Qty"), out var q) ? q : 0;
            var atMain = (int)Math.Ceiling(quantity * 0.6);
            var variant = store.AddVariant(product, options.Count == 0 ? "Default Title" : string.Join(" / ", options.Select(o => o.Value)),
                Money(Field(csv, "Variant Price")) ?? 0m, options, [(main, atMain), (shop, quantity - atMain)],
                NullIfEmpty(Field(csv, "Variant SKU")), Money(Field(csv, "Variant Compare At Price")));
            variant.InventoryPolicy = Field(csv, "Variant Inventory Policy") == "continue" ? "CONTINUE" : "DENY";
            variant.InventoryItem.Tracked = Field(csv, "Variant Inventory Tracker").Length > 0;
            variant.Image = Field(csv, "Variant Image") is { Length: > 0 } vi ? store.AddMedia(product, vi, null) : image;
        }
        if (product is not null) store.RefreshOptions(product);

        AddCollections(store);
        for (var d = 0; d < DiscountCodes.Length; d++) SampleDiscounts.Add(store, d, [DiscountCodes[d]]);
        SampleDiscounts.AddRestricted(store);
    }

    /// <summary>One collection per product type, and one per tag that at least two products share.</summary>
    private static void AddCollections(ShopifyStore store)
    {
        var products = store.Products.Values.ToList();
        foreach (var type in products.Select(p => p.ProductType).Where(t => t.Length > 0).Distinct().Order())
            store.AddCollection(type, products.Where(p => p.ProductType == type).Select(p => p.Id)).Description = $"All {type.ToLowerInvariant()}.";
        foreach (var tag in products.SelectMany(p => p.Tags).GroupBy(t => t, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() >= 2).Select(g => g.Key).Order())
        {
            var title = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(tag);
            if (store.Collections.Values.Any(c => c.Title.Equals(title, StringComparison.OrdinalIgnoreCase))) continue;
            store.AddCollection(title, products.Where(p => p.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase)).Select(p => p.Id));
        }
    }

    /// <summary>A column's value, trimmed; empty when the export lacks that column or the row is short.</summary>
    private static string Field(CsvReader csv, string name) =>
        csv.TryGetFieldIndex(name, out var index) && index < csv.FieldCount ? csv.GetString(index).Trim() : "";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static decimal? Money(string value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    /// <summary>Shopify's <c>description</c> is the body with tags stripped and entities decoded.</summary>
    public static string PlainText(string html) =>
        WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " ")).Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
