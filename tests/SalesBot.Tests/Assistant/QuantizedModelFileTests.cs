using SalesBot.Assistant.Semantic;

namespace SalesBot.Tests.Assistant;

/// <summary>
/// The int8 model is quantized on a deployment's first start and read from disk after that (<see cref="QuantizedModelFile"/>):
/// the copy is reused, a damaged copy is made again, and copies of another model or quantizer version are removed.
/// Each test works on its own copy of the model assembly, so nothing touches the app's models folder.
/// </summary>
public sealed class QuantizedModelFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("salesbot-model-").FullName;
    private readonly SentenceModelFiles _files;

    public QuantizedModelFileTests()
    {
        var copy = Path.Combine(_folder, SentenceModelFiles.AssemblyFile);
        File.Copy(SentenceModelFiles.DefaultPath, copy);
        _files = SentenceModelFiles.Read(copy);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_first_load_writes_the_copy_and_later_loads_reuse_it()
    {
        var path = QuantizedModelFile.Ensure(_files);

        Assert.NotNull(path);
        Assert.Equal(_folder, Path.GetDirectoryName(path));
        Assert.Contains(ModelQuantizer.Version, Path.GetFileName(path));
        var written = File.GetLastWriteTimeUtc(path);
        var length = new FileInfo(path).Length;
        using (var quantized = new MemoryStream())
        {
            _files.QuantizeModelTo(quantized);
            Assert.Equal(quantized.Length, length); // the whole int8 model, not a part of it
        }

        Thread.Sleep(20);
        Assert.Equal(path, QuantizedModelFile.Ensure(_files));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.tmp"));
    }

    [Fact]
    public void A_damaged_copy_is_made_again_and_the_encoder_gives_the_vectors_of_a_sound_one()
    {
        var path = QuantizedModelFile.Ensure(_files)!;
        var full = new FileInfo(path).Length;
        float[] expected;
        using (var sound = new SentenceEncoder(_files)) expected = sound.Encode(["a warm wool sweater"])[0];

        using (var file = new FileStream(path, FileMode.Open)) file.SetLength(full / 3);
        using var encoder = new SentenceEncoder(_files);
        var vector = encoder.Encode(["a warm wool sweater"])[0];

        Assert.Equal(expected, vector);
        // Discarded by the failed load, then written whole by the next one.
        Assert.Equal(path, QuantizedModelFile.Ensure(_files));
        Assert.Equal(full, new FileInfo(path).Length);
    }

    [Fact]
    public void The_prepare_model_command_writes_the_copy_the_encoder_then_loads()
    {
        var output = new StringWriter();

        var exit = PrepareModelCommand.Run(Path.Combine(_folder, SentenceModelFiles.AssemblyFile), output);

        Assert.Equal(0, exit);
        var path = Assert.Single(Directory.EnumerateFiles(_folder, "*.int8.onnx"));
        Assert.Contains(path, output.ToString());
        var written = File.GetLastWriteTimeUtc(path);
        using var encoder = new SentenceEncoder(_files);
        Assert.Equal(384, encoder.Encode(["gold necklace"])[0].Length);
        Assert.Equal(written, File.GetLastWriteTimeUtc(path)); // loaded, not quantized again
    }

    [Fact]
    public void The_prepare_model_command_names_a_missing_model()
    {
        var output = new StringWriter();
        var missing = Path.Combine(_folder, "nowhere", SentenceModelFiles.AssemblyFile);

        Assert.Equal(1, PrepareModelCommand.Run(missing, output));
        Assert.Contains(missing, output.ToString());
    }

    [Fact]
    public void A_copy_of_another_quantizer_version_is_removed_when_the_current_one_is_written()
    {
        var stale = Path.Combine(_folder, "all-MiniLM-L6-v2.0123456789abcdef.matmul8-v0.int8.onnx");
        File.WriteAllBytes(stale, [1, 2, 3]);

        var path = QuantizedModelFile.Ensure(_files);

        Assert.NotNull(path);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(path));
    }
}
