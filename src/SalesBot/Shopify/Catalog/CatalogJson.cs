using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesBot.Shopify.Catalog;

/// <summary>
/// Source-generated JSON for the catalog: camelCase like Shopify, nulls omitted, no indentation.
/// The snapshot's bytes, its change hash and the install callback all use these settings.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(ShopifyData))]
[JsonSerializable(typeof(CatalogData))]
[JsonSerializable(typeof(Page<Product>))]
[JsonSerializable(typeof(Page<ProductVariant>))]
[JsonSerializable(typeof(Page<Media>))]
[JsonSerializable(typeof(Page<InventoryLevel>))]
[JsonSerializable(typeof(Page<Collection>))]
[JsonSerializable(typeof(Page<ProductReference>))]
[JsonSerializable(typeof(Page<DiscountNode>))]
[JsonSerializable(typeof(Page<DiscountRedeemCode>))]
[JsonSerializable(typeof(ShopifyCount))]
public sealed partial class CatalogJson : JsonSerializerContext
{
}
