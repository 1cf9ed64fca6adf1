namespace SalesBot.Assistant;

/// <summary>A product (by ordinal) and its retrieval score, in the flat arrays a search ranks in.</summary>
public readonly record struct RankedCandidate(int Ordinal, double Score)
{
    /// <summary>The index's order: higher score first, then the merchant's order (lower ordinal); a total order.</summary>
    public static int Compare(RankedCandidate a, RankedCandidate b) =>
        b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Ordinal.CompareTo(b.Ordinal);

    public static readonly IComparer<RankedCandidate> Comparer = Comparer<RankedCandidate>.Create(Compare);
}
