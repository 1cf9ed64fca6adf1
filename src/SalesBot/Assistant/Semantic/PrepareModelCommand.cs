namespace SalesBot.Assistant.Semantic;

/// <summary>
/// <c>dotnet SalesBot.dll prepare-model</c>: writes the int8 copy of the sentence model beside the model assembly
/// (<see cref="QuantizedModelFile"/>) and exits, so an image built with it never quantizes at start. The Dockerfile runs it
/// after publishing: the container runs read-only, where the app could not keep the copy itself and every start would
/// quantize (a ≈ 146 MB transient on top of the catalog).
/// </summary>
public static class PrepareModelCommand
{
    public const string Command = "prepare-model";

    public static bool IsRequested(string[] args) => args is [Command, ..];

    /// <summary>0 and the copy's path on success; 1 and the reason when the model is missing or its folder is read-only.</summary>
    public static int Run(string modelPath, TextWriter output)
    {
        SentenceModelFiles files;
        try
        {
            files = SentenceModelFiles.Read(modelPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            output.WriteLine($"prepare-model: {e.Message}");
            return 1;
        }
        if (QuantizedModelFile.Ensure(files) is not { } path)
        {
            output.WriteLine($"prepare-model: {Path.GetDirectoryName(Path.GetFullPath(modelPath))} cannot be written");
            return 1;
        }
        output.WriteLine($"prepare-model: {path}");
        return 0;
    }
}
