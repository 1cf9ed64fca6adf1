using System.Buffers;

namespace SalesBot.Assistant;

/// <summary>
/// A search's working arrays, one slot per product, rented from the shared pool and given back after the search: the
/// score and matched-term count of each product a word reached, the products reached, and room for the candidates. At
/// 50,000 products the former dictionary and candidate lists were megabytes of garbage a turn, much of it on the large
/// object heap, and their collections (gen2 among them) landed on other turns.
/// </summary>
public sealed class SearchScratch : IDisposable
{
    private SearchScratch(int products, int candidates)
    {
        Scores = ArrayPool<double>.Shared.Rent(products);
        Matched = ArrayPool<int>.Shared.Rent(products);
        Reached = ArrayPool<int>.Shared.Rent(products);
        Candidates = ArrayPool<RankedCandidate>.Shared.Rent(candidates);
        Fused = ArrayPool<RankedCandidate>.Shared.Rent(candidates);
        Array.Clear(Matched, 0, products);
    }

    /// <summary>Arrays for <paramref name="products"/> products and up to <paramref name="extra"/> candidates beyond them.</summary>
    public static SearchScratch Rent(int products, int extra) => new(products, products + extra);

    /// <summary>Summed term scores by ordinal; valid only where <see cref="Matched"/> is above zero.</summary>
    public double[] Scores { get; }

    /// <summary>Terms matched by ordinal; zero for a product no term reached.</summary>
    public int[] Matched { get; }

    /// <summary>The ordinals a term reached, in the order first reached.</summary>
    public int[] Reached { get; }

    public RankedCandidate[] Candidates { get; }

    /// <summary>A second candidate buffer, for the fused ranking.</summary>
    public RankedCandidate[] Fused { get; }

    public void Dispose()
    {
        ArrayPool<double>.Shared.Return(Scores);
        ArrayPool<int>.Shared.Return(Matched);
        ArrayPool<int>.Shared.Return(Reached);
        ArrayPool<RankedCandidate>.Shared.Return(Candidates);
        ArrayPool<RankedCandidate>.Shared.Return(Fused);
    }
}
