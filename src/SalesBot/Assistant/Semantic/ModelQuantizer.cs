using System.Runtime.InteropServices;
using Google.Protobuf;
using SalesBot.Assistant.Semantic.Onnx;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// Dynamic int8 quantization of an fp32 ONNX transformer, as ONNX Runtime's Python <c>quantize_dynamic</c> does it for
/// MatMul, done here because the app has no Python: every <c>MatMul</c> whose B is a 2-D float initializer becomes
/// com.microsoft <c>DynamicQuantizeMatMul</c> (B int8, symmetric, one scale per output column; the activations are
/// quantized per call by the op), and every large float table read by <c>Gather</c> (the word embeddings: 30,522 × 384)
/// becomes an int8 table with one scale per row, dequantized after the lookup (Gather both, Cast, Mul). The weights then
/// take ≈ a quarter of their fp32 size, in the file and in ONNX Runtime's memory.
/// Op: https://github.com/microsoft/onnxruntime/blob/main/docs/ContribOperators.md#com.microsoft.DynamicQuantizeMatMul
/// MatMul weights use 7 bits (±63, quantize_dynamic's <c>reduce_range</c>, as transformers.js's quantized models do): on
/// x86 without VNNI (AMD EPYC before Zen 4, Intel before Cascade Lake: common cloud hosts) ONNX Runtime multiplies
/// u8 activations by s8 weights in pairs summed into int16, and 255·127·2 overflows it where 255·63·2 does not. This
/// machine has VNNI, so only the precision cost is measured here (ModelQuantizerTests); the lookup table is dequantized
/// in floats and keeps the full range.
/// </summary>
public static class ModelQuantizer
{
    private const string MicrosoftDomain = "com.microsoft";

    /// <summary>
    /// Names what this quantizer writes; change it whenever its output changes, so the int8 copies kept on disk
    /// (<see cref="QuantizedModelFile"/>) are made again rather than reused.
    /// </summary>
    public const string Version = "matmul7-gather8-v1";

    /// <summary>
    /// Gather tables smaller than this stay fp32: the position (512 × 384) and token-type (2 × 384) embeddings are under
    /// 1 MB together, so quantizing them would cost precision and save nothing worth having.
    /// </summary>
    public const long MinimumGatherTableElements = 1 << 20;

    /// <summary>Reads an fp32 model from <paramref name="source"/> and writes its quantized copy to <paramref name="destination"/>.</summary>
    public static QuantizationSummary Quantize(Stream source, Stream destination)
    {
        var model = ModelProto.Parser.ParseFrom(source);
        var summary = Quantize(model);
        model.WriteTo(destination);
        return summary;
    }

    internal static QuantizationSummary Quantize(ModelProto model)
    {
        var graph = model.Graph;
        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var before = graph.Initializer.Sum(t => (long)TensorBytes(t));
        // fp32 weight → its int8 copy and scales, so a weight read by two nodes is quantized once.
        // Keyed by weight and layout (per column for MatMul, per row for Gather).
        var replaced = new Dictionary<(string Weight, bool Rows), (string Values, string Scales)>();
        var nodes = new List<NodeProto>(graph.Node.Count);
        int matMuls = 0, tables = 0;
        foreach (var node in graph.Node)
        {
            if (node.OpType == "MatMul" && (node.Domain is "" or "ai.onnx") && node.Input.Count == 2
                && initializers.TryGetValue(node.Input[1], out var weight) && IsFloatMatrix(weight))
            {
                if (!replaced.TryGetValue((weight.Name, false), out var copy))
                {
                    var (values, scales) = QuantizeColumns(weight);
                    copy = (Unique(initializers, weight.Name + "_int8"), Unique(initializers, weight.Name + "_scale"));
                    Add(graph, initializers, Int8Tensor(copy.Values, weight.Dims, values));
                    Add(graph, initializers, FloatTensor(copy.Scales, [weight.Dims[1]], scales));
                    replaced[(weight.Name, false)] = copy;
                }
                var quantized = new NodeProto
                {
                    Name = node.Name, OpType = "DynamicQuantizeMatMul", Domain = MicrosoftDomain,
                    Input = { node.Input[0], copy.Values, copy.Scales }, Output = { node.Output },
                };
                nodes.Add(quantized);
                matMuls++;
                continue;
            }
            if (node.OpType == "Gather" && (node.Domain is "" or "ai.onnx") && node.Input.Count == 2 && Axis(node) == 0
                && initializers.TryGetValue(node.Input[0], out var table) && IsFloatMatrix(table)
                && table.Dims[0] * table.Dims[1] >= MinimumGatherTableElements)
            {
                if (!replaced.TryGetValue((table.Name, true), out var rowCopy))
                {
                    var (values, scales) = QuantizeRows(table);
                    rowCopy = (Unique(initializers, table.Name + "_int8"), Unique(initializers, table.Name + "_scale"));
                    Add(graph, initializers, Int8Tensor(rowCopy.Values, table.Dims, values));
                    // [rows, 1], so the gathered scales broadcast over each looked-up row.
                    Add(graph, initializers, FloatTensor(rowCopy.Scales, [table.Dims[0], 1], scales));
                    replaced[(table.Name, true)] = rowCopy;
                }
                var output = node.Output[0];
                string rowsQ = output + "_int8", rowsF = output + "_dequantized", rowScales = output + "_scale";
                nodes.Add(new NodeProto { Name = node.Name + "_int8", OpType = "Gather", Input = { rowCopy.Values, node.Input[1] }, Output = { rowsQ } });
                nodes.Add(new NodeProto { Name = node.Name + "_scale", OpType = "Gather", Input = { rowCopy.Scales, node.Input[1] }, Output = { rowScales } });
                nodes.Add(new NodeProto
                {
                    Name = node.Name + "_cast", OpType = "Cast", Input = { rowsQ }, Output = { rowsF },
                    Attribute = { new AttributeProto { Name = "to", Type = AttributeProto.Types.AttributeType.Int, I = (long)TensorProto.Types.DataType.Float } },
                });
                nodes.Add(new NodeProto { Name = node.Name, OpType = "Mul", Input = { rowsF, rowScales }, Output = { output } });
                tables++;
                continue;
            }
            nodes.Add(node);
        }

        // An fp32 weight goes once nothing reads it any more (a weight shared with an op left alone stays).
        foreach (var name in replaced.Keys.Select(k => k.Weight).Distinct())
        {
            var stillRead = nodes.Any(n => n.Input.Contains(name));
            if (stillRead) continue;
            graph.Initializer.Remove(initializers[name]);
            var input = graph.Input.FirstOrDefault(i => i.Name == name); // IR < 4 lists initializers as graph inputs
            if (input is not null) graph.Input.Remove(input);
        }
        graph.Node.Clear();
        graph.Node.AddRange(nodes);
        if (matMuls > 0 && model.OpsetImport.All(o => o.Domain != MicrosoftDomain))
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = MicrosoftDomain, Version = 1 });
        var after = graph.Initializer.Sum(t => (long)TensorBytes(t));
        return new QuantizationSummary(matMuls, tables, before, after);
    }

    private static bool IsFloatMatrix(TensorProto t) =>
        t.DataType == (int)TensorProto.Types.DataType.Float && t.Dims.Count == 2 && t.Dims[0] > 0 && t.Dims[1] > 0
        && t.DataLocation != TensorProto.Types.DataLocation.External;

    private static long Axis(NodeProto node) => node.Attribute.FirstOrDefault(a => a.Name == "axis")?.I ?? 0;

    /// <summary>A weight's values, read in place from raw_data (no copy of the 47 MB table while it is quantized).</summary>
    private static ReadOnlySpan<float> Floats(TensorProto t) =>
        // raw_data is little-endian, as ONNX specifies; so is every platform .NET runs this app on.
        t.HasRawData ? MemoryMarshal.Cast<byte, float>(t.RawData.Span) : t.FloatData.ToArray();

    /// <summary>The largest |weight| a MatMul's B is quantized to: 7 bits, see the class summary.</summary>
    public const int MatMulWeightRange = 63;

    /// <summary>Symmetric int8 per output column of a [K, N] weight: scale = max |w| / <see cref="MatMulWeightRange"/> over the column.</summary>
    internal static (sbyte[] Values, float[] Scales) QuantizeColumns(TensorProto weight)
    {
        var w = Floats(weight);
        int rows = (int)weight.Dims[0], columns = (int)weight.Dims[1];
        var scales = new float[columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                scales[c] = Math.Max(scales[c], Math.Abs(w[r * columns + c]));
        for (var c = 0; c < columns; c++) scales[c] = scales[c] > 0 ? scales[c] / MatMulWeightRange : 1;
        var values = new sbyte[w.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                values[r * columns + c] = ToInt8(w[r * columns + c] / scales[c]);
        return (values, scales);
    }

    /// <summary>Symmetric int8 per row of a [V, D] lookup table: scale = max |e| / 127 over the row.</summary>
    internal static (sbyte[] Values, float[] Scales) QuantizeRows(TensorProto table)
    {
        var e = Floats(table);
        int rows = (int)table.Dims[0], columns = (int)table.Dims[1];
        var scales = new float[rows];
        var values = new sbyte[e.Length];
        for (var r = 0; r < rows; r++)
        {
            var row = e.Slice(r * columns, columns);
            var max = 0f;
            foreach (var x in row) max = Math.Max(max, Math.Abs(x));
            var scale = max > 0 ? max / 127 : 1;
            scales[r] = scale;
            for (var c = 0; c < columns; c++) values[r * columns + c] = ToInt8(row[c] / scale);
        }
        return (values, scales);
    }

    private static sbyte ToInt8(float x) => (sbyte)Math.Clamp(MathF.Round(x, MidpointRounding.ToEven), -127, 127);

    private static TensorProto Int8Tensor(string name, IEnumerable<long> dims, sbyte[] values) => new()
    {
        Name = name, DataType = (int)TensorProto.Types.DataType.Int8, Dims = { dims },
        // The array is this tensor's alone from here on, so it is wrapped rather than copied.
        RawData = UnsafeByteOperations.UnsafeWrap((byte[])(Array)values),
    };

    private static TensorProto FloatTensor(string name, IEnumerable<long> dims, float[] values) => new()
    {
        Name = name, DataType = (int)TensorProto.Types.DataType.Float, Dims = { dims },
        RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())),
    };

    private static void Add(GraphProto graph, Dictionary<string, TensorProto> initializers, TensorProto tensor)
    {
        graph.Initializer.Add(tensor);
        initializers[tensor.Name] = tensor;
    }

    private static string Unique(Dictionary<string, TensorProto> initializers, string name)
    {
        var candidate = name;
        for (var i = 1; initializers.ContainsKey(candidate); i++) candidate = $"{name}_{i}";
        return candidate;
    }

    internal static long TensorBytes(TensorProto t) =>
        t.HasRawData ? t.RawData.Length : t.FloatData.Count * 4L + t.Int64Data.Count * 8L + t.Int32Data.Count * 4L + t.DoubleData.Count * 8L;
}

/// <summary>What <see cref="ModelQuantizer"/> changed: how many MatMuls and Gather tables, and the weights' bytes before and after.</summary>
public sealed record QuantizationSummary(int MatMuls, int GatherTables, long WeightBytesBefore, long WeightBytesAfter);
