using System.Text.Json.Serialization;
using SalesBot.Shopify.Sync.Fetch;

namespace SalesBot.Catalog;

/// <summary>
/// Source-generated JSON for the catalog: camelCase like Shopify, nulls omitted, no indentation.
/// The snapshot's bytes, its change hash, the install callback and the Admin API responses all use it.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShopifyData))]
[JsonSerializable(typeof(CatalogData))]
[JsonSerializable(typeof(ShopData))]
[JsonSerializable(typeof(ProductsPageData))]
[JsonSerializable(typeof(ProductVariantsPageData))]
[JsonSerializable(typeof(ProductMediaPageData))]
[JsonSerializable(typeof(InventoryLevelsPageData))]
[JsonSerializable(typeof(InventoryItemProductData))]
[JsonSerializable(typeof(CollectionsPageData))]
[JsonSerializable(typeof(CollectionProductsPageData))]
[JsonSerializable(typeof(DiscountsPageData))]
[JsonSerializable(typeof(DiscountCodesPageData))]
[JsonSerializable(typeof(ProductNodesData))]
[JsonSerializable(typeof(CollectionNodesData))]
[JsonSerializable(typeof(DiscountNodesData))]
[JsonSerializable(typeof(BulkOperationRunData))]
[JsonSerializable(typeof(BulkOperationStatusData))]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(ProductVariant))]
[JsonSerializable(typeof(Media))]
[JsonSerializable(typeof(InventoryLevel))]
[JsonSerializable(typeof(Collection))]
public sealed partial class CatalogJson : JsonSerializerContext;
