using System.Text.Json.Serialization;
using SalesBot.Catalog;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>
/// Source-generated JSON for the `data` of the fetch's Admin API documents, with the catalog's options
/// (camelCase like Shopify, nulls omitted), so a node read here serializes into the snapshot unchanged.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
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
public sealed partial class FetchJson : JsonSerializerContext;
