using System.Numerics;
using System.Runtime.InteropServices;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// Unit vectors as int8 in one contiguous array (a row per product) with one float scale per row: 388 bytes a product at
/// 384 dimensions instead of 1,536 as floats. Cosine similarity loses about 0.01 to the rounding, far below the gaps
/// ranking depends on.
/// </summary>
public sealed class QuantizedVectors
{
    private readonly sbyte[] _values;
    private readonly float[] _scales;

    public QuantizedVectors(int count, int dimensions)
    {
        Dimensions = dimensions;
        Count = count;
        _values = new sbyte[count * dimensions];
        _scales = new float[count];
    }

    public int Count { get; }
    public int Dimensions { get; }

    /// <summary>Bytes held: the int8 rows and their scales.</summary>
    public long Bytes => _values.LongLength + _scales.LongLength * sizeof(float);

    public void Set(int row, ReadOnlySpan<float> vector) => _scales[row] = Quantize(vector, _values.AsSpan(row * Dimensions, Dimensions));

    public void CopyRow(int row, QuantizedVectors from, int fromRow)
    {
        from.Row(fromRow).CopyTo(_values.AsSpan(row * Dimensions, Dimensions));
        _scales[row] = from._scales[fromRow];
    }

    /// <summary>The row's int8 values; times <see cref="Scale"/> they are the vector.</summary>
    public ReadOnlySpan<sbyte> Row(int row) => _values.AsSpan(row * Dimensions, Dimensions);

    public float Scale(int row) => _scales[row];

    /// <summary>The cosine similarity of a row with a query quantized by <see cref="Quantize"/>.</summary>
    public float Similarity(int row, ReadOnlySpan<sbyte> query, float queryScale) => Dot(Row(row), query) * _scales[row] * queryScale;

    /// <summary>Writes round(v / max|v| * 127) into <paramref name="into"/>; returns the scale back (max|v| / 127).</summary>
    public static float Quantize(ReadOnlySpan<float> vector, Span<sbyte> into)
    {
        var max = 0f;
        foreach (var x in vector) max = Math.Max(max, Math.Abs(x));
        if (max == 0) { into.Clear(); return 0; }
        var factor = 127f / max;
        for (var i = 0; i < vector.Length; i++) into[i] = (sbyte)Math.Round(vector[i] * factor);
        return max / 127f;
    }

    /// <summary>Integer dot product, SIMD: int8 pairs widen to int16 products (|127·127| fits), summed as int32.</summary>
    public static int Dot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var i = 0;
        var sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<sbyte>.Count)
        {
            var acc = Vector<int>.Zero;
            var va = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(a);
            var vb = MemoryMarshal.Cast<sbyte, Vector<sbyte>>(b);
            for (var k = 0; k < va.Length; k++)
            {
                Vector.Widen(va[k], out var aLow, out var aHigh);
                Vector.Widen(vb[k], out var bLow, out var bHigh);
                Vector.Widen(aLow * bLow, out var p0, out var p1);
                Vector.Widen(aHigh * bHigh, out var p2, out var p3);
                acc += p0 + p1 + p2 + p3;
            }
            sum = Vector.Sum(acc);
            i = va.Length * Vector<sbyte>.Count;
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
