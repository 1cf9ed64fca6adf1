using System.Security.Cryptography;
using SalesBot.Catalog;

namespace SalesBot.Assistant.Semantic;

/// <summary>
/// The int8 copy of the model (<see cref="ModelQuantizer"/>), kept on disk beside the model assembly so that only the
/// first start of a deployment quantizes. Quantizing parses the 90 MB fp32 graph and peaks ≈ 146 MB above the process
/// (measured on the model alone), on top of a catalog already in memory: at 50,000 products that first load is the
/// process's peak (bench/AssistantBench/README.md). The copy is named by the fp32 model's SHA-256 and
/// <see cref="ModelQuantizer.Version"/>, written to a temporary file and renamed into place, so a crash, another model or
/// another quantizer never leaves a copy that is used by mistake.
/// </summary>
public static class QuantizedModelFile
{
    /// <summary>
    /// The path of the int8 copy for <paramref name="files"/>, made now when there is none; null when its folder cannot
    /// be written (a read-only image), and then the caller quantizes into a temporary file of its own.
    /// </summary>
    public static string? Ensure(SentenceModelFiles files)
    {
        var path = PathFor(files);
        if (File.Exists(path)) return path;
        var temporary = $"{path}.{Environment.ProcessId}-{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                files.QuantizeModelTo(file);
            File.Move(temporary, path, overwrite: true);
            RemoveOthers(path);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            File.Delete(temporary);
            // The parsed graph and its int8 copies (≈ 115 MB of managed arrays) are garbage now.
            HeapRelief.Now();
        }
    }

    /// <summary>Drops a copy ONNX Runtime could not load (cut short, or changed on disk), so the next start makes it again.</summary>
    public static void Discard(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read-only: the caller quantizes into a temporary file every start instead.
        }
    }

    /// <summary>Copies of another model or quantizer version are never read again: 24 MB each, so they go.</summary>
    private static void RemoveOthers(string current)
    {
        foreach (var other in Directory.EnumerateFiles(Path.GetDirectoryName(current)!, $"{FilePrefix}*{FileSuffix}"))
            if (!string.Equals(other, current, StringComparison.Ordinal)) Discard(other);
    }

    private const string FilePrefix = "all-MiniLM-L6-v2.";
    private const string FileSuffix = ".int8.onnx";

    internal static string PathFor(SentenceModelFiles files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var sink = new HashingStream(hash)) files.CopyModelTo(sink); // streamed, never held whole
        var digest = Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
        return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(files.AssemblyPath))!, $"{FilePrefix}{digest}.{ModelQuantizer.Version}{FileSuffix}");
    }
}
