using System.Text.Json;
using System.Text.Json.Serialization;
using SalesBot.Catalog;

namespace SalesBot.Assistant;

/// <summary>
/// Reads a snapshot for the assistant's index with every product compacted as it is read (<see cref="CatalogCompactor"/>),
/// so the whole deserialized tree never exists beside the index: at 50,000 products it is 131 MB, on top of the 50 MB of
/// bytes and the index built from it, and it was the process's peak (bench/AssistantBench/README.md). The index compacts
/// again as it is built, which keeps its strings (already shared) and drops what only it may drop: the product's
/// creation time is kept here because the index reads it ("new arrivals") before dropping it.
/// </summary>
internal static class CompactingCatalogReader
{
    /// <summary>Null for a JSON <c>null</c>; throws <see cref="JsonException"/> for bytes that are not a catalog, as <see cref="CatalogBytes.Decode"/>.</summary>
    public static ShopifyData? Decode(ReadOnlySpan<byte> bytes)
    {
        var options = new JsonSerializerOptions(CatalogJson.Default.Options);
        options.Converters.Add(new CompactingProducts(new CatalogCompactor()));
        return JsonSerializer.Deserialize(bytes, new CatalogJson(options).ShopifyData);
    }

    /// <summary>The products connection, one product at a time: each is compacted before the next is read.</summary>
    private sealed class CompactingProducts(CatalogCompactor compactor) : JsonConverter<Connection<Product>>
    {
        public override Connection<Product> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("The products are not a connection object.");
            var nodes = new List<Product>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                if (name != "nodes" || reader.TokenType == JsonTokenType.Null)
                {
                    reader.Skip(); // pageInfo: a complete snapshot has none, and the index never reads it
                    continue;
                }
                if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("The products' nodes are not an array.");
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var product = JsonSerializer.Deserialize(ref reader, CatalogJson.Default.Product)
                        ?? throw new JsonException("A product of the snapshot is null.");
                    nodes.Add(compactor.Compact(product) with { CreatedAt = product.CreatedAt });
                }
            }
            return new Connection<Product>(nodes);
        }

        public override void Write(Utf8JsonWriter writer, Connection<Product> value, JsonSerializerOptions options) =>
            throw new NotSupportedException("Only for reading: snapshots are written by CatalogBytes.");
    }
}
