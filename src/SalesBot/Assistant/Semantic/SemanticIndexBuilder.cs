using System.Security.Cryptography;
using System.Text;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// Embeds a catalog's products in batches, taking the vector of every product whose text is unchanged (same SHA-256)
/// from the shop's previous <see cref="SemanticIndex"/> instead of running the model again.
/// </summary>
public static class SemanticIndexBuilder
{
    public const int BatchSize = 16;

    public static SemanticBuild Build(CatalogIndex catalog, ISentenceEncoder encoder, QueryVectors queries, SemanticIndex? previous,
        CancellationToken cancellationToken = default)
    {
        var products = catalog.Products;
        var vectors = new QuantizedVectors(products.Count, encoder.Dimensions);
        var hashes = new byte[products.Count * SemanticIndex.HashBytes];

        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        if (previous is not null && previous.Vectors.Dimensions == encoder.Dimensions)
            for (var row = 0; row < previous.Count; row++) known.TryAdd(Convert.ToHexString(previous.HashOf(row)), row);

        // Rows still to embed, grouped by text: identical texts (generated catalogs repeat) run through the model once.
        var pending = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var reused = 0;
        for (var row = 0; row < products.Count; row++)
        {
            var text = ProductText.Of(products[row]);
            var hash = hashes.AsSpan(row * SemanticIndex.HashBytes, SemanticIndex.HashBytes);
            SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
            if (known.TryGetValue(Convert.ToHexString(hash), out var from))
            {
                vectors.CopyRow(row, previous!.Vectors, from);
                reused++;
                continue;
            }
            if (!pending.TryGetValue(text, out var rows)) pending[text] = rows = [];
            rows.Add(row);
        }

        // Sorted by length, so a batch pads its texts to about the same number of word pieces.
        var texts = pending.Keys.OrderBy(t => t.Length).ToList();
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = texts.GetRange(start, Math.Min(BatchSize, texts.Count - start));
            var embedded = encoder.Encode(batch);
            for (var i = 0; i < batch.Count; i++)
                foreach (var row in pending[batch[i]]) vectors.Set(row, embedded[i]);
        }
        return new SemanticBuild(new SemanticIndex(vectors, hashes, queries), texts.Count, reused);
    }
}

/// <param name="Embedded">Texts run through the model.</param>
/// <param name="Reused">Products whose vector came from the previous index.</param>
public sealed record SemanticBuild(SemanticIndex Index, int Embedded, int Reused);
