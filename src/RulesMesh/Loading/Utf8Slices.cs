using System.Text;

namespace RulesMesh.Loading;

/// <summary>
/// Where each piece of a text (<see cref="YamlDocumentSplitter"/>) lies in the text's UTF-8 bytes. In ASCII text, the
/// commonest, a character's index is its byte's; otherwise the bytes before each piece are counted once, in order.
/// </summary>
internal sealed class Utf8Slices
{
    private readonly ReadOnlyMemory<byte> utf8;
    private readonly IReadOnlyList<YamlDocumentSplitter.Chunk> chunks;
    private readonly (int Start, int Length)[]? counted;

    private Utf8Slices(ReadOnlyMemory<byte> utf8, IReadOnlyList<YamlDocumentSplitter.Chunk> chunks, (int Start, int Length)[]? counted)
    {
        this.utf8 = utf8;
        this.chunks = chunks;
        this.counted = counted;
    }

    /// <summary>The slices of <paramref name="content"/>'s bytes that hold <paramref name="chunks"/>, pieces of its text in order.</summary>
    public static Utf8Slices Of(SourceContent content, IReadOnlyList<YamlDocumentSplitter.Chunk> chunks)
    {
        // A text is ASCII exactly when its UTF-8 form is as long as it is: any other character takes more bytes than chars.
        if (content.Utf8.Length == content.Text.Length)
        {
            return new Utf8Slices(content.Utf8, chunks, null);
        }

        var counted = new (int Start, int Length)[chunks.Count];
        var bytes = 0;
        var chars = 0;
        for (var index = 0; index < chunks.Count; index++)
        {
            var chunk = chunks[index];
            bytes += Encoding.UTF8.GetByteCount(content.Text.AsSpan(chars, chunk.Start - chars));
            var length = Encoding.UTF8.GetByteCount(content.Text.AsSpan(chunk.Start, chunk.Length));
            counted[index] = (bytes, length);
            bytes += length;
            chars = chunk.Start + chunk.Length;
        }

        return new Utf8Slices(content.Utf8, chunks, counted);
    }

    /// <summary>The bytes of piece <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> Slice(int index)
    {
        var (start, length) = counted is null ? (chunks[index].Start, chunks[index].Length) : counted[index];
        return utf8.Slice(start, length);
    }
}
