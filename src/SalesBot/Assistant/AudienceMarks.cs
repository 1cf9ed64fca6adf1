using System.Collections.Frozen;

namespace SalesBot.Assistant;

/// <summary>
/// Each product's <see cref="Audiences.Of"/>, read once per index and kept as a byte: an audience question ("for my
/// boyfriend") used to tokenize the tags, title, type and collections of every candidate on every turn, thousands of
/// products at 50,000. Read on first use (a benign race: two threads write the same byte).
/// </summary>
public sealed class AudienceMarks(int products)
{
    // 0: not read yet; else 1 + one bit per audience.
    private readonly byte[] _marks = new byte[products];

    private static readonly IReadOnlySet<Audience>[] Sets = Enumerable.Range(0, 1 << Enum.GetValues<Audience>().Length)
        .Select(bits => (IReadOnlySet<Audience>)Enum.GetValues<Audience>().Where(a => (bits & (1 << (int)a)) != 0).ToFrozenSet())
        .ToArray();

    public IReadOnlySet<Audience> Of(IndexedProduct item)
    {
        var mark = _marks[item.Ordinal];
        if (mark == 0)
        {
            var bits = 0;
            foreach (var audience in Audiences.Of(item)) bits |= 1 << (int)audience;
            _marks[item.Ordinal] = mark = (byte)(bits + 1);
        }
        return Sets[mark - 1];
    }
}
