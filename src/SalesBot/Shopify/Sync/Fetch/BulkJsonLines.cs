using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using SalesBot.Shopify.Admin;

namespace SalesBot.Shopify.Sync.Fetch;

/// <summary>Receives the lines of a bulk export one at a time; the bytes are only valid during the call.</summary>
public interface IBulkLineSink
{
    void Add(ReadOnlySpan<byte> line, string id, string? parentId);
}

/// <summary>
/// Splits a bulk export's JSONL as it arrives: a pipe over the response stream, one line in hand at a time, so
/// memory holds what the sink keeps (the catalog being built) and never the file. Counts the bytes against a cap.
/// </summary>
public static class BulkJsonLines
{
    private static readonly byte[] IdName = "id"u8.ToArray();
    private static readonly byte[] ParentName = "__parentId"u8.ToArray();

    public static async Task ReadAsync(Stream jsonl, long maxBytes, IBulkLineSink sink, CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(jsonl, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        long consumed = 0, lineNumber = 0;
        try
        {
            while (true)
            {
                var result = await pipe.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                if (consumed + buffer.Length > maxBytes)
                    throw new ShopifyApiException($"The bulk export is larger than the {maxBytes:N0}-byte cap (SHOPIFY_BULK_MAX_BYTES).");
                var before = buffer.Length;
                ReadLines(ref buffer, sink, ref lineNumber);
                if (result.IsCompleted)
                {
                    if (!buffer.IsEmpty) Handle(buffer, sink, ++lineNumber); // a last line without its newline
                    return;
                }
                consumed += before - buffer.Length;
                pipe.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await pipe.CompleteAsync();
        }
    }

    private static void ReadLines(ref ReadOnlySequence<byte> buffer, IBulkLineSink sink, ref long lineNumber)
    {
        while (buffer.PositionOf((byte)'\n') is { } end)
        {
            Handle(buffer.Slice(0, end), sink, ++lineNumber);
            buffer = buffer.Slice(buffer.GetPosition(1, end));
        }
    }

    private static void Handle(ReadOnlySequence<byte> line, IBulkLineSink sink, long lineNumber)
    {
        if (line.IsSingleSegment)
        {
            Handle(line.FirstSpan, sink, lineNumber);
            return;
        }
        // A line split across pipe segments is copied once into a pooled buffer.
        var rented = ArrayPool<byte>.Shared.Rent(checked((int)line.Length));
        try
        {
            line.CopyTo(rented);
            Handle(rented.AsSpan(0, (int)line.Length), sink, lineNumber);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void Handle(ReadOnlySpan<byte> line, IBulkLineSink sink, long lineNumber)
    {
        line = line.TrimEnd((byte)'\r');
        if (line.Trim(" \t"u8).IsEmpty) return;
        string? id = null, parent = null;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new ShopifyApiException($"Line {lineNumber} of the bulk export is not a JSON object.");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals(IdName);
                var isParent = !isId && reader.ValueTextEquals(ParentName);
                reader.Read();
                if (isId && reader.TokenType == JsonTokenType.String) id = reader.GetString();
                else if (isParent && reader.TokenType == JsonTokenType.String) parent = reader.GetString();
                else reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw new ShopifyApiException($"Line {lineNumber} of the bulk export is not valid JSON: {e.Message}", inner: e);
        }
        if (string.IsNullOrEmpty(id))
            throw new ShopifyApiException($"Line {lineNumber} of the bulk export has no id: {Preview(line)}");
        try
        {
            sink.Add(line, id, string.IsNullOrEmpty(parent) ? null : parent);
        }
        catch (JsonException e)
        {
            throw new ShopifyApiException($"Line {lineNumber} of the bulk export ({id}) could not be read: {e.Message}", inner: e);
        }
    }

    private static string Preview(ReadOnlySpan<byte> line) =>
        Encoding.UTF8.GetString(line[..Math.Min(line.Length, 120)]);
}
