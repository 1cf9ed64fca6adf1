using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 on ONNX Runtime's CPU provider: WordPiece ids, the transformer, mean pooling over the attention mask,
/// L2 normalisation; 384 dimensions. The session runs an int8 copy of the model (<see cref="ModelQuantizer"/>, made on the
/// first load and kept on disk, <see cref="QuantizedModelFile"/>): ≈ 24 MB of weights instead of 91 MB, resident ≈ 90 MB
/// instead of ≈ 150 MB, about twice as fast on one core, and vectors within cosine 0.98 of the fp32 model's (ModelQuantizerTests; bench/AssistantBench/README.md). One instance per
/// process (<see cref="Shared"/>), shared by every app and catalog. Thread-safe (an InferenceSession runs concurrently;
/// the tokenizer is immutable).
/// </summary>
public sealed class SentenceEncoder : ISentenceEncoder, IDisposable
{
    /// <summary>
    /// Product texts and shopper questions are short: 32 word pieces hold a title, its type, tags and options. Cost grows with
    /// length (one core: ≈ 10 ms a product at 32, ≈ 22 ms at 64), and 64 ranked the evaluation set no better.
    /// </summary>
    public const int DefaultMaxTokens = 32;

    private static readonly Lock SharedGate = new();
    private static SentenceEncoder? _shared;
    private static Exception? _sharedFailure;

    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly int _maxTokens;

    public SentenceEncoder(SentenceModelFiles files, int maxTokens = DefaultMaxTokens, bool memoryArena = false,
        bool quantize = true)
    {
        Quantized = quantize;
        _maxTokens = maxTokens;
        _tokenizer = BertTokenizer.Create(new MemoryStream(files.Vocabulary), new BertOptions { LowerCaseBeforeTokenization = true });
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions
        {
            // One core for a turn or an embedding batch: the other stays with the web server (the machine has two).
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // Inputs change shape with every text, so a memory pattern is never reused, and the arena keeps its high-water
            // mark for the life of the process (measured in bench/AssistantBench/README.md).
            EnableCpuMemArena = memoryArena,
            EnableMemoryPattern = memoryArena,
        };
        // From a file, not a byte array: ONNX Runtime then holds ≈ 85 MB less after loading (measured; the array path keeps
        // a parsed copy in its heap). The int8 copy is made once per deployment and kept beside the model assembly
        // (QuantizedModelFile); where that folder is read-only, or for the fp32 model, a temporary file per process.
        if (quantize && QuantizedModelFile.Ensure(files) is { } kept)
        {
            try
            {
                _session = new InferenceSession(kept, options);
                return;
            }
            catch (OnnxRuntimeException)
            {
                QuantizedModelFile.Discard(kept); // cut short or changed on disk: quantize afresh below
            }
        }
        var model = Path.Combine(Path.GetTempPath(), $"salesbot-minilm-{Environment.ProcessId}-{Guid.NewGuid():N}.onnx");
        try
        {
            using (var file = new FileStream(model, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                if (quantize) files.QuantizeModelTo(file);
                else files.CopyModelTo(file);
            }
            // The parsed graph's garbage goes back at once, as after QuantizedModelFile writes its copy.
            if (quantize) HeapRelief.Now();
            _session = new InferenceSession(model, options);
        }
        finally
        {
            File.Delete(model);
        }
    }

    public int Dimensions => 384;

    /// <summary>Whether the session runs the int8 copy of the model (<see cref="ModelQuantizer"/>) rather than the fp32 original.</summary>
    public bool Quantized { get; }

    /// <summary>
    /// The process's encoder, loaded on first use from <see cref="SentenceModelFiles.DefaultPath"/>; null (with the reason
    /// in <paramref name="failure"/>) when the model files are missing or cannot be loaded, and then never tried again.
    /// </summary>
    public static SentenceEncoder? Shared(out Exception? failure)
    {
        lock (SharedGate)
        {
            if (_shared is null && _sharedFailure is null)
            {
                try
                {
                    _shared = new SentenceEncoder(SentenceModelFiles.Read(SentenceModelFiles.DefaultPath));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or OnnxRuntimeException or BadImageFormatException or DllNotFoundException or TypeInitializationException)
                {
                    _sharedFailure = e;
                }
            }
            failure = _sharedFailure;
            return _shared;
        }
    }

    public float[][] Encode(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        var ids = new IReadOnlyList<int>[texts.Count];
        var width = 1;
        for (var i = 0; i < texts.Count; i++)
        {
            ids[i] = _tokenizer.EncodeToIds(texts[i], _maxTokens, out _, out _);
            width = Math.Max(width, ids[i].Count);
        }

        // One padded batch: padding has mask 0, so neither attention nor the mean sees it.
        var shape = new[] { texts.Count, width };
        var inputIds = new DenseTensor<long>(shape);
        var mask = new DenseTensor<long>(shape);
        var types = new DenseTensor<long>(shape);
        var idSpan = inputIds.Buffer.Span;
        var maskSpan = mask.Buffer.Span;
        for (var i = 0; i < texts.Count; i++)
            for (var t = 0; t < ids[i].Count; t++)
            {
                idSpan[i * width + t] = ids[i][t];
                maskSpan[i * width + t] = 1;
            }
        using var results = _session.Run(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
            NamedOnnxValue.CreateFromTensor("token_type_ids", types),
        ]);
        var hidden = results.First(r => r.Name == "last_hidden_state").AsTensor<float>();
        var values = hidden is DenseTensor<float> dense ? dense.Buffer.Span : hidden.ToArray();
        var dims = Dimensions;
        var vectors = new float[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            var v = new float[dims];
            for (var t = 0; t < ids[i].Count; t++)
            {
                var row = values.Slice((i * width + t) * dims, dims);
                for (var d = 0; d < dims; d++) v[d] += row[d];
            }
            var norm = 0.0;
            foreach (var x in v) norm += x * x;
            var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0;
            for (var d = 0; d < dims; d++) v[d] *= scale;
            vectors[i] = v;
        }
        return vectors;
    }

    public void Dispose() => _session.Dispose();
}
