using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using SalesBot.Catalog;
namespace SalesBot.Assistant;

/// <summary>
/// Copies deserialized products down to what turns read, so an index does not keep the whole
/// snapshot tree alive. Strings that repeat across a catalog (vendors, types, tags, option names
/// and values, variant titles) are shared, lists become exact-size arrays, identical option
/// values and selected-option lists are shared, and data no turn reads is dropped: inventory
/// items and their levels, media beyond the first image, timestamps and the price range (prices
/// come from the variants). Everything kept has the same values as the snapshot. One compactor
/// per index build, so nothing outlives the catalog it was built for.
/// </summary>
internal sealed class CatalogCompactor
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Name, string Value), SelectedOption> _selected = [];
    private readonly Dictionary<string, SelectedOption[]> _selectedLists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _valueLists = new(StringComparer.Ordinal);

    public Product Compact(Product product) => product with
    {
        Vendor = Pool(product.Vendor),
        ProductType = Pool(product.ProductType),
        Tags = product.Tags.Count == 0 ? [] : product.Tags.Select(Share).ToArray(),
        Status = Pool(product.Status),
        CreatedAt = null,
        UpdatedAt = null,
        PriceRangeV2 = null,
        Options = product.Options.Count == 0 ? [] : product.Options.Select(o => o with { Name = Pool(o.Name), Values = Values(o.Values) }).ToArray(),
        Media = FirstImage(product.Media) ?? Connection<Media>.Empty,
        Variants = new Connection<ProductVariant>(product.Variants.Nodes.Select(Compact).ToArray()),
    };

    private ProductVariant Compact(ProductVariant variant) => variant with
    {
        Title = Pool(variant.Title),
        InventoryPolicy = Pool(variant.InventoryPolicy),
        SelectedOptions = Selected(variant.SelectedOptions),
        Media = FirstImage(variant.Media),
        InventoryItem = null,
    };

    /// <summary>Only the first image is ever shown; null when there is none, like a variant without media.</summary>
    private Connection<Media>? FirstImage(Connection<Media>? media)
    {
        var first = media?.Nodes.FirstOrDefault(m => m.Image is not null);
        return first is null ? null : new Connection<Media>([first with { MediaContentType = Pool(first.MediaContentType) }]);
    }

    private string[] Values(IReadOnlyList<string> values)
    {
        if (values.Count == 0) return [];
        var key = string.Join('\u001f', values);
        ref var pooled = ref CollectionsMarshal.GetValueRefOrAddDefault(_valueLists, key, out var exists);
        if (!exists) pooled = values.Select(Share).ToArray();
        return pooled!;
    }

    private SelectedOption[] Selected(IReadOnlyList<SelectedOption> options)
    {
        if (options.Count == 0) return [];
        var key = string.Join('\u001e', options.Select(o => o.Name + '\u001f' + o.Value));
        ref var pooled = ref CollectionsMarshal.GetValueRefOrAddDefault(_selectedLists, key, out var exists);
        if (!exists)
            pooled = options.Select(o =>
            {
                ref var shared = ref CollectionsMarshal.GetValueRefOrAddDefault(_selected, (o.Name, o.Value), out var found);
                if (!found) shared = new SelectedOption(Pool(o.Name), Pool(o.Value));
                return shared!;
            }).ToArray();
        return pooled!;
    }

    [return: NotNullIfNotNull(nameof(value))]
    private string? Pool(string? value) => value is null ? null : Share(value);

    private string Share(string value)
    {
        ref var pooled = ref CollectionsMarshal.GetValueRefOrAddDefault(_strings, value, out var exists);
        if (!exists) pooled = value;
        return pooled!;
    }
}
