namespace SalesBot.Assistant.Semantic;

/// <summary>
/// The next <c>length</c> bytes of a stream, read-only and forward-only: a parser that reads to the end of its stream
/// (Google.Protobuf's <c>ParseFrom</c>) then stops at the end of one embedded resource rather than the end of the file.
/// </summary>
internal sealed class BoundedReadStream(Stream inner, long length) : Stream
{
    private readonly long _length = length;
    private long _left = length;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _length;
    public override long Position { get => _length - _left; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_left == 0) return 0;
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
        if (read == 0) throw new EndOfStreamException($"The stream ended {_left} bytes before the end of its part.");
        _left -= read;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
