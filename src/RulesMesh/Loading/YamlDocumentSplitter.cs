namespace RulesMesh.Loading;

/// <summary>
/// Cuts a YAML stream at its <c>---</c> lines before parsing, as kubectl does, so that a syntax
/// error in one document does not stop the documents after it from loading.
/// A <c>---</c> at the start of a line always starts a document in YAML, so cutting there is safe.
/// Directives (<c>%YAML 1.2</c>) and comments before a <c>---</c> stay with the document they precede,
/// and a <c>...</c> document end closes its piece, so that directives after it start the next one.
/// </summary>
internal static class YamlDocumentSplitter
{
    /// <summary>
    /// A piece of the stream, <paramref name="Length"/> characters of <paramref name="Source"/> from <paramref name="Start"/>,
    /// and the number of lines before it. The piece is not copied out: a large file would otherwise be held twice.
    /// </summary>
    public readonly record struct Chunk(string Source, int Start, int Length, int LineOffset)
    {
        /// <summary>The piece's text, copied out of the stream (for the readers that need a string of their own).</summary>
        public string Text => Source.Substring(Start, Length);
    }

    /// <summary>The pieces of <paramref name="text"/>; each separator line begins the piece after it.</summary>
    public static IEnumerable<Chunk> Split(string text)
    {
        var chunkStart = 0;
        var chunkFirstLine = 0;
        var chunkHasContent = false;
        var lineStart = 0;
        var line = 0;
        var markers = new MarkerSearch(text);
        while (lineStart < text.Length)
        {
            if (chunkHasContent && lineStart > 0)
            {
                // Once a piece has content only a line starting "---" or "..." can end it: the lines between are counted, not read.
                var next = markers.NextLineStart(lineStart);
                line += text.AsSpan(lineStart, next - lineStart).Count('\n');
                lineStart = next;
                if (lineStart == text.Length)
                {
                    break;
                }
            }

            var newline = text.IndexOf('\n', lineStart);
            var nextLineStart = newline < 0 ? text.Length : newline + 1;
            if (IsMarker(text, lineStart, "---"))
            {
                if (chunkHasContent)
                {
                    yield return new Chunk(text, chunkStart, lineStart - chunkStart, chunkFirstLine);
                    chunkStart = lineStart;
                    chunkFirstLine = line;
                }

                // "--- {a: 1}" or "--- |" starts the document on the separator line itself.
                chunkHasContent = !IsBlankOrComment(text.AsSpan(lineStart + 3, nextLineStart - lineStart - 3));
            }
            else if (IsMarker(text, lineStart, "..."))
            {
                yield return new Chunk(text, chunkStart, nextLineStart - chunkStart, chunkFirstLine);
                chunkStart = nextLineStart;
                chunkFirstLine = line + 1;
                chunkHasContent = false;
            }
            else if (!chunkHasContent)
            {
                var content = text.AsSpan(lineStart, nextLineStart - lineStart);
                chunkHasContent = !IsBlankOrComment(content) && content[0] != '%';
            }

            lineStart = nextLineStart;
            line++;
        }

        if (chunkStart < text.Length || chunkFirstLine == 0)
        {
            yield return new Chunk(text, chunkStart, text.Length - chunkStart, chunkFirstLine);
        }
    }

    /// <summary>Finds, from a line start on, the next line that starts with "---" or "...", each searched for once per match.</summary>
    private struct MarkerSearch(string text)
    {
        private int dashes = -1;
        private int dots = -1;

        /// <summary>The start of the first line at or after <paramref name="lineStart"/> (itself a line start after the first line) that starts with either, else the text's end.</summary>
        public int NextLineStart(int lineStart)
        {
            dashes = Next(text, "\n---", lineStart, dashes);
            dots = Next(text, "\n...", lineStart, dots);
            return Math.Min(dashes, dots);
        }

        // The line start after the newline of the next "\n" + marker from the newline ending the line before lineStart; the
        // one found before is kept while it is not behind.
        private static int Next(string text, string newlineAndMarker, int lineStart, int found)
        {
            if (found >= lineStart)
            {
                return found;
            }

            var at = text.AsSpan(lineStart - 1).IndexOf(newlineAndMarker, StringComparison.Ordinal);
            return at < 0 ? text.Length : lineStart + at;
        }
    }

    private static bool IsMarker(string text, int lineStart, string marker)
        => text.AsSpan(lineStart).StartsWith(marker)
           && (lineStart + 3 == text.Length || text[lineStart + 3] is ' ' or '\t' or '\r' or '\n');

    private static bool IsBlankOrComment(ReadOnlySpan<char> line)
    {
        var trimmed = line.TrimStart(" \t\r\n");
        return trimmed.IsEmpty || trimmed[0] == '#';
    }
}
