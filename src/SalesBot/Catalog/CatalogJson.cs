using System.Text.Json.Serialization;

namespace SalesBot.Catalog;

/// <summary>
/// Source-generated JSON for the catalog: camelCase like Shopify, nulls omitted, no indentation.
/// The snapshot's bytes, its change hash and the install callback use it; the fetch's Admin API responses
/// have their own context (FetchJson) with the same options.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ShopifyData))]
[JsonSerializable(typeof(CatalogData))]
[JsonSerializable(typeof(Product))]
[JsonSerializable(typeof(ProductVariant))]
[JsonSerializable(typeof(Media))]
[JsonSerializable(typeof(InventoryLevel))]
[JsonSerializable(typeof(Collection))]
public sealed partial class CatalogJson : JsonSerializerContext;
