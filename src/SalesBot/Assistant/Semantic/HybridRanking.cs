using System.Buffers;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// Reciprocal Rank Fusion of the lexical ranking and the semantic one: each list gives a product weight / (K + rank), so
/// neither list's score scale matters. Semantic candidates come only from above <see cref="Floor"/>, so a question the
/// catalog has nothing for ("car tires", "a laptop") still finds nothing. The constants were tuned on
/// bench/AssistantEval's questions (README there): with the model alone at 0.45 "perfume" finds a candle and "hiking boots"
/// sneakers, at 0.60 "earings" no longer finds the earrings; the weights and K barely move the figures.
/// </summary>
public static class HybridRanking
{
    /// <summary>Cosine similarity below which a product is not a semantic candidate beside the words' matches.</summary>
    public const float Floor = 0.40f;

    /// <summary>
    /// When no word of the question is in the catalog, the model alone decides between "here it is" and "we don't have that":
    /// its best product must be at least this similar.
    /// </summary>
    public const float AloneFloor = 0.47f;

    /// <summary>Semantic candidates taken per query.</summary>
    public const int Candidates = 20;

    public const double K = 60;
    public const double LexicalWeight = 1.0;
    public const double SemanticWeight = 1.0;

    /// <summary>
    /// The fused ranking: <paramref name="lexical"/> (any order) and <paramref name="semantic"/> (best first) into one list.
    /// RRF decides the order; the scores given back are the lexical scores in that order (the best lexical score to the
    /// first product, and so on, then below a fifth of the last), because the index's sold-out rule (a fifth of the score) and audience
    /// lift work on score gaps, which RRF's near-flat 1/(K + rank) would erase: "pink armchair", sold out, must still come
    /// before weak matches that can be bought. With no lexical match the scores are the similarities.
    /// </summary>
    /// <remarks>
    /// Flat and without a second full sort: RRF moves only the (at most <see cref="Candidates"/>) semantic hits, so the
    /// words' other matches keep their lexical order and are merged with the hits in one pass. <paramref name="lexical"/>
    /// is sorted in place; the fused list is written to <paramref name="into"/> (room for lexical + semantic) and its
    /// length returned.
    /// </remarks>
    public static int Fuse(Span<RankedCandidate> lexical, IReadOnlyList<SemanticHit> semantic, Span<RankedCandidate> into)
    {
        SortByRank(lexical);
        var n = lexical.Length;
        var semanticRank = new Dictionary<int, int>(semantic.Count);
        for (var s = 0; s < semantic.Count; s++) semanticRank[semantic[s].Ordinal] = s;
        Span<int> lexicalRank = stackalloc int[semantic.Count];
        lexicalRank.Fill(-1);
        for (var r = 0; r < n; r++)
            if (semanticRank.TryGetValue(lexical[r].Ordinal, out var s)) lexicalRank[s] = r;

        // The semantic hits' fused values (the same sums RRF gives), best first.
        var hits = new FusedHit[semantic.Count];
        for (var s = 0; s < semantic.Count; s++)
            hits[s] = new FusedHit(semantic[s].Ordinal,
                (lexicalRank[s] >= 0 ? LexicalWeight / (K + lexicalRank[s] + 1) : 0) + SemanticWeight / (K + s + 1), semantic[s].Similarity);
        Array.Sort(hits, (a, b) => Before(a.Value, a.Ordinal, b.Value, b.Ordinal) ? -1 : Before(b.Value, b.Ordinal, a.Value, a.Ordinal) ? 1 : 0);

        // Past the lexical list's length, below a fifth of its last score: added by meaning, they fill what is left and
        // never push out a word match, even a sold-out one.
        var below = n > 0 ? lexical[n - 1].Score * 0.2 : 0;
        var (next, h, at) = (0, 0, 0);
        while (true)
        {
            while (next < n && semanticRank.ContainsKey(lexical[next].Ordinal)) next++;
            int ordinal;
            double similarity = 0;
            if (next < n && (h == hits.Length || Before(LexicalWeight / (K + next + 1), lexical[next].Ordinal, hits[h].Value, hits[h].Ordinal)))
                ordinal = lexical[next++].Ordinal;
            else if (h < hits.Length)
                (ordinal, similarity) = (hits[h].Ordinal, hits[h++].Similarity);
            else break;
            into[at] = new RankedCandidate(ordinal, n == 0 ? similarity : at < n ? lexical[at].Score : below * Math.Pow(0.9, at - n + 1));
            at++;
        }
        return at;
    }

    // RRF's order: the higher fused value first, then the lower ordinal.
    private static bool Before(double value, int ordinal, double otherValue, int otherOrdinal) =>
        value > otherValue || (value == otherValue && ordinal < otherOrdinal);

    private readonly record struct FusedHit(int Ordinal, double Value, float Similarity);

    /// <summary>
    /// <see cref="RankedCandidate.Compare"/>'s order, sorting the negated scores as plain doubles (with the ordinals
    /// alongside) and then each run of equal scores by ordinal: at 20,000 word matches about twice as fast as sorting the
    /// pairs with a comparer.
    /// </summary>
    internal static void SortByRank(Span<RankedCandidate> candidates)
    {
        var n = candidates.Length;
        var keys = ArrayPool<double>.Shared.Rent(n);
        var ordinals = ArrayPool<int>.Shared.Rent(n);
        try
        {
            for (var i = 0; i < n; i++) (keys[i], ordinals[i]) = (-candidates[i].Score, candidates[i].Ordinal);
            keys.AsSpan(0, n).Sort(ordinals.AsSpan(0, n));
            for (var start = 0; start < n;)
            {
                var end = start + 1;
                while (end < n && keys[end] == keys[start]) end++;
                if (end - start > 1) ordinals.AsSpan(start, end - start).Sort();
                start = end;
            }
            for (var i = 0; i < n; i++) candidates[i] = new RankedCandidate(ordinals[i], -keys[i]);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(keys);
            ArrayPool<int>.Shared.Return(ordinals);
        }
    }
}
