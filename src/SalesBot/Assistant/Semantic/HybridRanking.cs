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
    public static List<(IndexedProduct Item, double Score)> Fuse(
        List<(IndexedProduct Item, double Score)> lexical, IReadOnlyList<SemanticHit> semantic, IReadOnlyList<IndexedProduct> products)
    {
        var fused = new Dictionary<int, double>();
        var ranked = lexical.OrderByDescending(c => c.Score).ThenBy(c => c.Item.Ordinal).ToList();
        for (var rank = 0; rank < ranked.Count; rank++)
            fused[ranked[rank].Item.Ordinal] = LexicalWeight / (K + rank + 1);
        for (var rank = 0; rank < semantic.Count; rank++)
            fused[semantic[rank].Ordinal] = fused.GetValueOrDefault(semantic[rank].Ordinal) + SemanticWeight / (K + rank + 1);
        var order = fused.OrderByDescending(f => f.Value).ThenBy(f => f.Key).Select(f => f.Key).ToList();
        if (ranked.Count == 0)
        {
            var similarity = semantic.ToDictionary(h => h.Ordinal, h => (double)h.Similarity);
            return order.Select(o => (products[o], similarity[o])).ToList();
        }
        var result = new List<(IndexedProduct Item, double Score)>(order.Count);
        // Past the lexical list's length, below a fifth of its last score: added by meaning, they fill what is left and
        // never push out a word match, even a sold-out one.
        var below = ranked[^1].Score * 0.2;
        for (var i = 0; i < order.Count; i++)
            result.Add((products[order[i]], i < ranked.Count ? ranked[i].Score : below * Math.Pow(0.9, i - ranked.Count + 1)));
        return result;
    }
}
