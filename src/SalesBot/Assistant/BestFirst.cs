namespace SalesBot.Assistant;

/// <summary>
/// Candidates in <see cref="RankedCandidate.Compare"/> order, taken one at a time: a binary heap built in place in O(n),
/// then O(log n) a take. A search stops after a few buyable hits, so sorting thousands of word matches to read five of
/// them (the former full sort) is the cost this avoids; the order taken is exactly the full sort's.
/// </summary>
public ref struct BestFirst
{
    private readonly Span<RankedCandidate> _heap;
    private int _count;

    public BestFirst(Span<RankedCandidate> candidates)
    {
        _heap = candidates;
        _count = candidates.Length;
        for (var i = _count / 2 - 1; i >= 0; i--) SiftDown(i);
    }

    public readonly int Remaining => _count;

    /// <summary>The best candidate left; false when none is.</summary>
    public bool TryTake(out RankedCandidate best)
    {
        if (_count == 0) { best = default; return false; }
        best = _heap[0];
        _heap[0] = _heap[--_count];
        if (_count > 1) SiftDown(0);
        return true;
    }

    private readonly void SiftDown(int at)
    {
        var item = _heap[at];
        while (true)
        {
            var child = 2 * at + 1;
            if (child >= _count) break;
            if (child + 1 < _count && RankedCandidate.Compare(_heap[child + 1], _heap[child]) < 0) child++;
            if (RankedCandidate.Compare(_heap[child], item) >= 0) break;
            _heap[at] = _heap[child];
            at = child;
        }
        _heap[at] = item;
    }
}
