namespace SalesBot.Assistant.Semantic;

/// <summary>
/// The product vectors of one <see cref="CatalogIndex"/> (row = product ordinal) with the SHA-256 of the text each was
/// embedded from, so the next snapshot of the shop embeds only the products whose text changed.
/// </summary>
public sealed class SemanticIndex
{
    public const int HashBytes = 32;

    private readonly byte[] _hashes;

    public SemanticIndex(QuantizedVectors vectors, byte[] hashes, QueryVectors queries)
    {
        if (hashes.Length != vectors.Count * HashBytes) throw new ArgumentException("One hash per vector.", nameof(hashes));
        Vectors = vectors;
        _hashes = hashes;
        Queries = queries;
    }

    public QuantizedVectors Vectors { get; }
    public QueryVectors Queries { get; }
    public int Count => Vectors.Count;

    /// <summary>Bytes held for the products: vectors, scales and hashes.</summary>
    public long Bytes => Vectors.Bytes + _hashes.LongLength;

    public ReadOnlySpan<byte> HashOf(int row) => _hashes.AsSpan(row * HashBytes, HashBytes);

    /// <summary>
    /// The products most like <paramref name="text"/>, best first, at most <paramref name="limit"/>, none below
    /// <paramref name="floor"/> (cosine similarity).
    /// </summary>
    public IReadOnlyList<SemanticHit> Nearest(string text, float floor, int limit)
    {
        var query = Queries.Of(text);
        // A small sorted buffer: the catalog is scanned once and only the best few are kept.
        var best = new List<SemanticHit>(limit + 1);
        for (var row = 0; row < Vectors.Count; row++)
        {
            var similarity = Vectors.Similarity(row, query.Values, query.Scale);
            if (similarity < floor || (best.Count == limit && similarity <= best[^1].Similarity)) continue;
            var at = best.Count;
            while (at > 0 && best[at - 1].Similarity < similarity) at--;
            best.Insert(at, new SemanticHit(row, similarity));
            if (best.Count > limit) best.RemoveAt(limit);
        }
        return best;
    }
}

/// <summary>A product (by ordinal) and its cosine similarity with the query.</summary>
public readonly record struct SemanticHit(int Ordinal, float Similarity);
