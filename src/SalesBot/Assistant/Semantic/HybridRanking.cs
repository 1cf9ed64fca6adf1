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
    /// The fused ranking: <paramref name="lexical"/> (any order, any score scale) and <paramref name="semantic"/> (best
    /// first) into one list of products with their fused score.
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
        return fused.Select(f => (products[f.Key], f.Value)).ToList();
    }
}
