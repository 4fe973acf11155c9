using System.Text;

namespace RulesMesh.Loading;

/// <summary>
/// Cuts a YAML stream at its <c>---</c> lines before parsing, as kubectl does, so that a syntax
/// error in one document does not stop the documents after it from loading.
/// A <c>---</c> at the start of a line always starts a document in YAML, so cutting there is safe.
/// Directives (<c>%YAML 1.2</c>) and comments before a <c>---</c> stay with the document they precede,
/// and a <c>...</c> document end closes its piece, so that directives after it start the next one.
/// It cuts the text's UTF-8 bytes: every marker is ASCII, and the loader's readers take the bytes as they are.
/// </summary>
internal static class YamlDocumentSplitter
{
    private static ReadOnlySpan<byte> ByteOrderMark => "\uFEFF"u8;

    /// <summary>
    /// A piece of the stream, its UTF-8 bytes (a slice of the stream's, not copied out: a large file would otherwise be
    /// held twice), and the number of lines before it.
    /// </summary>
    public readonly record struct Chunk(ReadOnlyMemory<byte> Utf8, int LineOffset)
    {
        /// <summary>The piece's text, decoded (for the readers that need a string of their own).</summary>
        public string Text => Encoding.UTF8.GetString(Utf8.Span);

        /// <summary>
        /// Set on an object of a JSON stream that is not valid JSON (<see cref="JsonStreamSplitter"/>): the piece is that
        /// error, not a document for the YAML readers, which would read some broken JSON (a trailing comma) as YAML.
        /// </summary>
        public JsonSyntaxError? SyntaxError { get; init; }
    }

    /// <summary>The pieces of <paramref name="utf8"/>, a text's UTF-8 bytes; each separator line begins the piece after it.</summary>
    public static List<Chunk> Split(ReadOnlyMemory<byte> utf8)
    {
        var text = utf8.Span;

        // Nearly every piece but the first starts at a "---" line: counted first, the list is made once at its size.
        var chunks = new List<Chunk>(text.Count("\n---"u8) + 1);
        var chunkStart = 0;
        var chunkFirstLine = 0;
        var chunkHasContent = false;
        var chunkHasDirective = false;
        var lineStart = 0;
        var line = 0;
        var markers = new MarkerSearch();
        while (lineStart < text.Length)
        {
            if (chunkHasContent && lineStart > 0)
            {
                // Once a piece has content only a line starting "---" or "..." can end it: the lines between are counted, not read.
                var next = markers.NextLineStart(text, lineStart);
                line += text[lineStart..next].Count((byte)'\n');
                lineStart = next;
                if (lineStart == text.Length)
                {
                    break;
                }
            }

            var newline = text[lineStart..].IndexOf((byte)'\n');
            var nextLineStart = newline < 0 ? text.Length : lineStart + newline + 1;
            if (IsMarker(text, lineStart, "---"u8))
            {
                if (chunkHasContent)
                {
                    chunks.Add(new Chunk(utf8[chunkStart..lineStart], chunkFirstLine));
                    chunkStart = lineStart;
                    chunkFirstLine = line;
                    chunkHasDirective = false;
                }

                // "--- {a: 1}" or "--- |" starts the document on the separator line itself.
                chunkHasContent = !IsBlankOrComment(text[(lineStart + 3)..nextLineStart]);
            }
            else if (IsMarker(text, lineStart, "..."u8))
            {
                chunks.Add(new Chunk(utf8[chunkStart..nextLineStart], chunkFirstLine));
                chunkStart = nextLineStart;
                chunkFirstLine = line + 1;
                chunkHasContent = false;
                chunkHasDirective = false;
            }
            else if (!chunkHasContent)
            {
                var content = text[lineStart..nextLineStart];
                if (content.StartsWith(ByteOrderMark) && !chunkHasDirective)
                {
                    // YAML 1.2 lets each document start with a byte order mark, and kubectl, cutting at "---" lines, hands
                    // go-yaml a text that starts with it, which it drops: the piece starts after it. What is dropped before
                    // it ("---", blank lines, comments) means nothing; a directive would, so it is kept (and the mark too).
                    chunkStart = lineStart + ByteOrderMark.Length;
                    chunkFirstLine = line;
                    content = content[ByteOrderMark.Length..];
                }

                chunkHasContent = !IsBlankOrComment(content) && content[0] != '%';
                chunkHasDirective |= content.Length > 0 && content[0] == '%';
            }

            lineStart = nextLineStart;
            line++;
        }

        if (chunkStart < text.Length || chunkFirstLine == 0)
        {
            chunks.Add(new Chunk(utf8[chunkStart..], chunkFirstLine));
        }

        return JsonStreamSplitter.Split(chunks);
    }

    /// <summary>Finds, from a line start on, the next line that starts with "---" or "...", each searched for once per match.</summary>
    private struct MarkerSearch()
    {
        private int dashes = -1;
        private int dots = -1;

        /// <summary>The start of the first line at or after <paramref name="lineStart"/> (itself a line start after the first line) that starts with either, else the text's end.</summary>
        public int NextLineStart(ReadOnlySpan<byte> text, int lineStart)
        {
            dashes = Next(text, "\n---"u8, lineStart, dashes);
            dots = Next(text, "\n..."u8, lineStart, dots);
            return Math.Min(dashes, dots);
        }

        // The line start after the newline of the next "\n" + marker from the newline ending the line before lineStart; the
        // one found before is kept while it is not behind.
        private static int Next(ReadOnlySpan<byte> text, ReadOnlySpan<byte> newlineAndMarker, int lineStart, int found)
        {
            if (found >= lineStart)
            {
                return found;
            }

            var at = text[(lineStart - 1)..].IndexOf(newlineAndMarker);
            return at < 0 ? text.Length : lineStart + at;
        }
    }

    private static bool IsMarker(ReadOnlySpan<byte> text, int lineStart, ReadOnlySpan<byte> marker)
        => text[lineStart..].StartsWith(marker)
           && (lineStart + 3 == text.Length || text[lineStart + 3] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n');

    private static bool IsBlankOrComment(ReadOnlySpan<byte> line)
    {
        var trimmed = line.TrimStart(" \t\r\n"u8);
        return trimmed.IsEmpty || trimmed[0] == '#';
    }
}
