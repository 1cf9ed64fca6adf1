using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using SalesBot.Assistant.Semantic;
using SalesBot.Assistant.Semantic.Onnx;
using Xunit.Abstractions;
using SalesBot.Assistant;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The int8 copy of all-MiniLM-L6-v2 the app runs (<see cref="ModelQuantizer"/>): its vectors must say what the fp32
/// model's say, and its graph must really hold int8 weights.
/// </summary>
public sealed class ModelQuantizerTests(ITestOutputHelper output)
{
    private static readonly Lazy<(ModelProto Original, ModelProto Quantized, QuantizationSummary Summary, long OriginalBytes, long QuantizedBytes)> Models = new(() =>
    {
        var files = SentenceModelFiles.Read(SentenceModelFiles.DefaultPath);
        using var fp32 = new MemoryStream();
        files.CopyModelTo(fp32);
        using var int8 = new MemoryStream();
        var summary = files.QuantizeModelTo(int8);
        return (ModelProto.Parser.ParseFrom(fp32.ToArray()), ModelProto.Parser.ParseFrom(int8.ToArray()), summary, fp32.Length, int8.Length);
    });

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();

    [SampleCatalogFact]
    public void Quantized_vectors_point_where_the_fp32_vectors_point_for_real_product_texts()
    {
        var catalog = new CatalogIndex(SampleCatalog.Load());
        var texts = catalog.Products.Select(ProductText.Of).Distinct().Take(48).ToList();
        Assert.True(texts.Count >= 36, $"only {texts.Count} product texts");
        var files = SentenceModelFiles.Read(SentenceModelFiles.DefaultPath);
        using var fp32 = new SentenceEncoder(files, quantize: false);
        using var int8 = new SentenceEncoder(files, quantize: true);
        Assert.False(fp32.Quantized);
        Assert.True(int8.Quantized);

        var exact = fp32.Encode(texts);
        var approximate = int8.Encode(texts);

        var cosines = exact.Zip(approximate, Cosine).ToList();
        output.WriteLine($"{texts.Count} texts: cosine int8 vs fp32 min {cosines.Min():F4}, mean {cosines.Average():F4}");
        Assert.True(cosines.Min() >= 0.98, $"lowest cosine {cosines.Min():F4} for \"{texts[cosines.IndexOf(cosines.Min())]}\"");
        // And the neighbourhoods agree: each product's int8 vector is nearest to its own fp32 vector.
        for (var i = 0; i < texts.Count; i++)
        {
            var nearest = Enumerable.Range(0, texts.Count).MaxBy(j => Cosine(approximate[i], exact[j]));
            Assert.True(nearest == i, $"\"{texts[i]}\" lands nearest to \"{texts[nearest]}\"");
        }
    }

    [Fact]
    public void No_fp32_matmul_weight_or_word_embedding_table_is_left_and_the_weights_shrink_about_fourfold()
    {
        var (original, quantized, summary, originalBytes, quantizedBytes) = Models.Value;
        var originalWeights = original.Graph.Initializer.ToDictionary(t => t.Name);
        var expectedMatMuls = original.Graph.Node.Count(n => n.OpType == "MatMul" && originalWeights.TryGetValue(n.Input[1], out var w)
            && w.DataType == (int)TensorProto.Types.DataType.Float && w.Dims.Count == 2);
        Assert.True(expectedMatMuls >= 36, $"the fp32 graph has {expectedMatMuls} weight MatMuls"); // 6 layers × (Q, K, V, out, 2 FFN)

        var weights = quantized.Graph.Initializer.ToDictionary(t => t.Name);
        Assert.DoesNotContain(quantized.Graph.Node, n => n.OpType == "MatMul" && weights.ContainsKey(n.Input[1]));
        var dqmm = quantized.Graph.Node.Where(n => n.OpType == "DynamicQuantizeMatMul").ToList();
        Assert.Equal(expectedMatMuls, dqmm.Count);
        Assert.Equal(expectedMatMuls, summary.MatMuls);
        Assert.All(dqmm, n =>
        {
            Assert.Equal("com.microsoft", n.Domain);
            Assert.Equal((int)TensorProto.Types.DataType.Int8, weights[n.Input[1]].DataType);
            Assert.Equal(weights[n.Input[1]].Dims[1], weights[n.Input[2]].Dims.Single()); // one scale a column
        });
        Assert.Contains(quantized.OpsetImport, o => o.Domain == "com.microsoft");

        // The word embeddings (the vocabulary × 384 table) are int8; nothing float that large remains.
        var largestFloat = quantized.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float)
            .Max(t => t.Dims.Aggregate(1L, (a, d) => a * d));
        Assert.True(largestFloat < ModelQuantizer.MinimumGatherTableElements, $"a float initializer of {largestFloat} elements is left");
        Assert.Equal(1, summary.GatherTables);
        Assert.Contains(quantized.Graph.Initializer, t => t.DataType == (int)TensorProto.Types.DataType.Int8 && t.Dims.Count == 2 && t.Dims[0] == 30_522);

        var ratio = (double)originalBytes / quantizedBytes;
        Assert.True(ratio is > 3.5 and < 4.2, $"{originalBytes:N0} → {quantizedBytes:N0} bytes ({ratio:F2}×)");
        Assert.True((double)summary.WeightBytesBefore / summary.WeightBytesAfter > 3.5, summary.ToString());
    }

    /// <summary>
    /// The rewrite on a graph small enough to reason about, run by ONNX Runtime: a MatMul with a weight and a Gather from a
    /// table big enough to be quantized give what the fp32 graph gives, within int8's rounding.
    /// </summary>
    [Fact]
    public void A_small_graph_computes_the_same_within_rounding_after_the_rewrite()
    {
        const int vocabulary = 4096, width = 256, outputs = 8; // 4096 × 256 = 2^20 elements: just big enough to quantize
        var random = new Random(7);
        var table = Enumerable.Range(0, vocabulary * width).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var weight = Enumerable.Range(0, width * outputs).Select(_ => (float)(random.NextDouble() - 0.5) * (1 + random.Next(4))).ToArray();
        var model = new ModelProto
        {
            IrVersion = 8,
            OpsetImport = { new OperatorSetIdProto { Domain = "", Version = 14 } },
            Graph = new GraphProto
            {
                Name = "g",
                Node =
                {
                    new NodeProto { Name = "lookup", OpType = "Gather", Input = { "table", "ids" }, Output = { "rows" } },
                    new NodeProto { Name = "project", OpType = "MatMul", Input = { "rows", "weight" }, Output = { "y" } },
                },
                Initializer = { Float("table", [vocabulary, width], table), Float("weight", [width, outputs], weight) },
                Input = { Value("ids", TensorProto.Types.DataType.Int64, [1, 5]) },
                Output = { Value("y", TensorProto.Types.DataType.Float, [1, 5, outputs]) },
            },
        };
        long[] ids = [0, 17, 4095, 300, 17];

        var expected = Run(model.ToByteArray(), ids);
        var summary = ModelQuantizer.Quantize(model);
        var actual = Run(model.ToByteArray(), ids);

        Assert.Equal((1, 1), (summary.MatMuls, summary.GatherTables));
        Assert.Equal(expected.Length, actual.Length);
        var largest = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 0.03 * largest, $"y[{i}]: {actual[i]} for {expected[i]}");
    }

    [Fact]
    public void A_weight_read_by_two_matmuls_is_quantized_once_and_its_fp32_copy_dropped()
    {
        var weight = Enumerable.Range(0, 6).Select(i => (float)i - 2.5f).ToArray();
        var model = new ModelProto
        {
            Graph = new GraphProto
            {
                Node =
                {
                    new NodeProto { OpType = "MatMul", Input = { "x", "w" }, Output = { "a" } },
                    new NodeProto { OpType = "MatMul", Input = { "a2", "w" }, Output = { "b" } },
                },
                Initializer = { Float("w", [3, 2], weight) },
            },
        };

        var summary = ModelQuantizer.Quantize(model);

        Assert.Equal(2, summary.MatMuls);
        var int8 = Assert.Single(model.Graph.Initializer, t => t.DataType == (int)TensorProto.Types.DataType.Int8);
        Assert.DoesNotContain(model.Graph.Initializer, t => t.Name == "w");
        Assert.All(model.Graph.Node, n => Assert.Equal(int8.Name, n.Input[1]));
        // Column 0 is -2.5, -0.5, 1.5 → scale 2.5 / 63 (7-bit weights); the largest magnitude maps to -63, -0.5 to -13.
        Assert.Equal(-ModelQuantizer.MatMulWeightRange, (sbyte)int8.RawData[0]);
        Assert.Equal((sbyte)Math.Round(-0.5 / 2.5 * ModelQuantizer.MatMulWeightRange), (sbyte)int8.RawData[2]);
        Assert.All(int8.RawData.ToByteArray(), b => Assert.InRange((sbyte)b, -ModelQuantizer.MatMulWeightRange, ModelQuantizer.MatMulWeightRange));
    }

    private static float[] Run(byte[] model, long[] ids)
    {
        using var session = new InferenceSession(model);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("ids", new DenseTensor<long>(ids, [1, ids.Length]))]);
        return results.Single().AsTensor<float>().ToArray();
    }

    private static TensorProto Float(string name, long[] dims, float[] values) => new()
    {
        Name = name, DataType = (int)TensorProto.Types.DataType.Float, Dims = { dims },
        RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan())),
    };

    private static ValueInfoProto Value(string name, TensorProto.Types.DataType type, long[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims) shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape } } };
    }
}
