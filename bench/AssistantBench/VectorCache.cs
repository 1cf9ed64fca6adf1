using System.Security.Cryptography;
using System.Text;
using SalesBot.Assistant;
using SalesBot.Assistant.Semantic;

namespace AssistantBench;

/// <summary>
/// The bench's copy of a built <see cref="SemanticIndex"/> on disk, so repeated latency runs at 50,000 products do not
/// re-embed for 10–25 minutes each: used only when every product's text hash matches and the model gives the same vector
/// for a probe sentence as when the file was written (another model, or another catalog, rebuilds). The app has no such
/// file; it re-embeds only changed products in memory (<see cref="SemanticIndexBuilder"/>).
/// </summary>
public static class VectorCache
{
    private const string Probe = "a warm wool sweater for winter";
    private const int Magic = 0x56424131; // "VBA1"

    public static string PathFor(int size) => Path.Combine(Path.GetTempPath(), $"salesbot-assistantbench-vectors-{size}.bin");

    public static SemanticIndex? TryLoad(string path, CatalogIndex catalog, ISentenceEncoder encoder)
    {
        if (!File.Exists(path)) return null;
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadInt32() != Magic) return null;
        var count = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        if (count != catalog.Products.Count || dimensions != encoder.Dimensions) return null;
        var probe = encoder.Encode([Probe])[0];
        for (var i = 0; i < dimensions; i++)
            if (Math.Abs(reader.ReadSingle() - probe[i]) > 1e-4f) return null;
        var hashes = reader.ReadBytes(count * SemanticIndex.HashBytes);
        if (!hashes.AsSpan().SequenceEqual(Hashes(catalog))) return null;
        var vectors = new QuantizedVectors(count, dimensions);
        var row = new float[dimensions];
        var values = new sbyte[dimensions];
        for (var r = 0; r < count; r++)
        {
            var scale = reader.ReadSingle();
            reader.Read(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
            // Re-quantizing int8 × scale gives the same int8 back: the row's largest value is ±127 by construction.
            for (var i = 0; i < dimensions; i++) row[i] = values[i] * scale;
            vectors.Set(r, row);
        }
        return new SemanticIndex(vectors, hashes, new QueryVectors(encoder));
    }

    public static void Save(string path, SemanticIndex index, ISentenceEncoder encoder)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Magic);
        writer.Write(index.Count);
        writer.Write(index.Vectors.Dimensions);
        foreach (var x in encoder.Encode([Probe])[0]) writer.Write(x);
        for (var r = 0; r < index.Count; r++) writer.Write(index.HashOf(r));
        for (var r = 0; r < index.Count; r++)
        {
            writer.Write(index.Vectors.Scale(r));
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(index.Vectors.Row(r)));
        }
    }

    private static byte[] Hashes(CatalogIndex catalog)
    {
        var hashes = new byte[catalog.Products.Count * SemanticIndex.HashBytes];
        for (var r = 0; r < catalog.Products.Count; r++)
            SHA256.HashData(Encoding.UTF8.GetBytes(ProductText.Of(catalog.Products[r])), hashes.AsSpan(r * SemanticIndex.HashBytes, SemanticIndex.HashBytes));
        return hashes;
    }
}
