using System.Text.Json;

namespace SalesBot.Catalog;

/// <summary>The catalog as the bytes of <c>&lt;shop&gt;/shopify_data.json</c>, and back: the one encoding writers and readers share.</summary>
public static class CatalogBytes
{
    public static byte[] Encode(ShopifyData data) => JsonSerializer.SerializeToUtf8Bytes(data, CatalogJson.Default.ShopifyData);

    /// <summary>Null for a JSON <c>null</c>; throws <see cref="JsonException"/> for bytes that are not a catalog.</summary>
    public static ShopifyData? Decode(ReadOnlySpan<byte> bytes) => JsonSerializer.Deserialize(bytes, CatalogJson.Default.ShopifyData);
}
