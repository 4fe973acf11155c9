using System.Text;

namespace RulesMesh.Cli.Output;

/// <summary>
/// Where a command streams its document: the <c>--output</c> file, else standard output as bytes. Console.Out flushes on
/// every write, which costs a system call per token when a document is streamed; any other writer (a test's) gets the
/// UTF-8 bytes decoded.
/// </summary>
internal static class OutputStream
{
    /// <summary>The stream to write to: <paramref name="file"/> when given, else the bytes behind <paramref name="output"/>.</summary>
    public static Stream For(FileStream? file, TextWriter output)
        => file is not null ? file
            : ReferenceEquals(output, Console.Out) ? Console.OpenStandardOutput()
            : new TextWriterStream(output);

    /// <summary>A buffered UTF-8 text writer (no byte order mark) over <paramref name="stream"/>; disposing it closes the stream.</summary>
    public static StreamWriter Text(Stream stream) => new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);

    // Decodes UTF-8 into a text writer; the decoder keeps a character split across two writes whole.
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[_decoder.GetCharCount(buffer, flush: false)];
            var written = _decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, written);
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
