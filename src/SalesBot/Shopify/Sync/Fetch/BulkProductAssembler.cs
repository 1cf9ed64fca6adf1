using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SalesBot.Catalog;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Rebuilds products from a bulk export's lines in any order. Shopify's 2026-01 exports are ungrouped by default and
/// say not to rely on line order: a variant, medium or inventory level may come before its parent. A level's
/// <c>__parentId</c> names the variant or, as Shopify writes it, the variant's <c>inventoryItem</c>.
/// Products come out in id order (the connection's default sort key), variants by position; the other children
/// keep the order their lines came in, since Shopify gives no key to sort media or levels by.
/// </summary>
public sealed class BulkProductAssembler : IBulkLineSink
{
    private static readonly CatalogJson Json = CatalogJson.Default;
    private readonly List<ProductParts> _products = [];
    private readonly Dictionary<string, ProductParts> _productsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariantParts> _variantsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, VariantParts> _variantsByItemId = new(StringComparer.Ordinal);
    private readonly BulkOrphans<object> _waiting = new();
    // A store has a handful of locations and a million levels: one Location object per location, shared.
    private readonly Dictionary<string, Location> _locations = new(StringComparer.Ordinal);

    public void Add(ReadOnlySpan<byte> line, string id, string? parentId)
    {
        if (parentId is null)
        {
            var product = new ProductParts(Deserialize(line, Json.Product));
            if (!_productsById.TryAdd(id, product)) return; // the same object twice: keep the first
            _products.Add(product);
            Adopt(id);
        }
        else if (IsA(id, "ProductVariant"))
        {
            var variant = new VariantParts(Deserialize(line, Json.ProductVariant));
            if (!_variantsById.TryAdd(id, variant)) return;
            if (variant.Variant.InventoryItem?.Id is { } itemId) _variantsByItemId.TryAdd(itemId, variant);
            Place(id, parentId, variant);
            Adopt(id);
            if (variant.Variant.InventoryItem?.Id is { } item) Adopt(item);
        }
        else if (IsA(id, "InventoryLevel"))
            Place(id, parentId, Shared(Deserialize(line, Json.InventoryLevel)));
        else
            Place(id, parentId, Deserialize(line, Json.Media));
    }

    public List<Product> Build()
    {
        _waiting.ThrowIfAny("products");
        _products.Sort((a, b) => ShopifyIds.Compare(a.Product.Id, b.Product.Id));
        return _products.Select(p => p.Build()).ToList();
    }

    private void Place(string id, string parentId, object child)
    {
        switch (TryAttach(parentId, child))
        {
            case Attach.Done: return;
            case Attach.WrongParent: _waiting.Misplaced(id, parentId); return;
            default: _waiting.Wait(parentId, id, child); return;
        }
    }

    /// <summary>Gives the children that came before <paramref name="parentId"/> to it.</summary>
    private void Adopt(string parentId)
    {
        foreach (var (id, child) in _waiting.Take(parentId) ?? [])
            if (TryAttach(parentId, child) != Attach.Done) _waiting.Misplaced(id, parentId);
    }

    private Attach TryAttach(string parentId, object child)
    {
        switch (child)
        {
            case VariantParts variant when _productsById.TryGetValue(parentId, out var product):
                product.Variants.Add(variant);
                return Attach.Done;
            case InventoryLevel level when (_variantsById.GetValueOrDefault(parentId) ?? _variantsByItemId.GetValueOrDefault(parentId)) is { } stocked:
                stocked.Levels.Add(level);
                return Attach.Done;
            case Media media when _productsById.TryGetValue(parentId, out var pictured):
                pictured.Media.Add(media);
                return Attach.Done;
            case Media media when _variantsById.TryGetValue(parentId, out var picturedVariant):
                picturedVariant.Media.Add(media);
                return Attach.Done;
        }
        var known = _productsById.ContainsKey(parentId) || _variantsById.ContainsKey(parentId) || _variantsByItemId.ContainsKey(parentId);
        return known ? Attach.WrongParent : Attach.NotYet;
    }

    private InventoryLevel Shared(InventoryLevel level)
    {
        if (level.Location is not { } location) return level;
        if (_locations.TryGetValue(location.Id, out var known) && known == location) return level with { Location = known };
        _locations[location.Id] = location;
        return level;
    }

    private static bool IsA(string gid, string type) => gid.Contains($"/{type}/", StringComparison.Ordinal);

    private static T Deserialize<T>(ReadOnlySpan<byte> line, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(line, type) ?? throw new ShopifyApiException("The bulk export has an empty line object.");

    private enum Attach { Done, NotYet, WrongParent }

    private sealed class ProductParts(Product product)
    {
        public Product Product { get; } = product;
        public List<Media> Media { get; } = [];
        public List<VariantParts> Variants { get; } = [];

        public Product Build() => Product with
        {
            Tags = Product.Tags ?? [],
            Options = Product.Options ?? [],
            Media = new(Media),
            Variants = new(Variants.OrderBy(v => v.Variant.Position).Select(v => v.Build()).ToList()),
        };
    }

    private sealed class VariantParts(ProductVariant variant)
    {
        public ProductVariant Variant { get; } = variant;
        public List<Media> Media { get; } = [];
        public List<InventoryLevel> Levels { get; } = [];

        public ProductVariant Build() => Variant with
        {
            SelectedOptions = Variant.SelectedOptions ?? [],
            Media = new(Media),
            InventoryItem = Variant.InventoryItem is { } item ? item with { InventoryLevels = new(Levels) } : null,
        };
    }
}
