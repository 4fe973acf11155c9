using System.Text.Json;

namespace RulesMesh.Loading;

/// <summary>
/// Cuts a piece that is a stream of JSON objects one after the other (<c>{…}{…}</c> or one per line, which kubectl reads
/// from a <c>.json</c> file) into one piece per object, each with the lines before it, so each loads as a document of
/// its own. A piece that does not start with <c>{</c>, or holds a single value (a YAML flow mapping such as
/// <c>{a: b}</c> is one), is left as it is.
/// <para>
/// An object with a JSON syntax error becomes a piece of its own that carries the error (<see cref="YamlDocumentSplitter.Chunk.SyntaxError"/>),
/// and the stream goes on after it: kubectl's decoder stops at the first such error, but every object that can still be
/// told apart is kept. Where the bad object ends is found by its brackets (outside strings); when they never close, the
/// next line starting with <c>{</c> starts the next object (the objects of a stream written by kubectl or jq begin so);
/// without one, the bad object runs to the end of the text.
/// </para>
/// </summary>
internal static class JsonStreamSplitter
{
    private static readonly JsonReaderOptions Options = new() { AllowMultipleValues = true, MaxDepth = 1000 };

    /// <summary><paramref name="chunks"/>, each JSON stream among them cut into its values.</summary>
    public static List<YamlDocumentSplitter.Chunk> Split(List<YamlDocumentSplitter.Chunk> chunks)
    {
        List<YamlDocumentSplitter.Chunk>? split = null;
        for (var i = 0; i < chunks.Count; i++)
        {
            if (Values(chunks[i]) is { } values)
            {
                split ??= chunks[..i];
                split.AddRange(values);
            }
            else
            {
                split?.Add(chunks[i]);
            }
        }

        return split ?? chunks;
    }

    /// <summary>The first JSON syntax error of <paramref name="chunk"/> read as JSON values, or null when it reads as JSON.</summary>
    public static JsonSyntaxError? FirstError(YamlDocumentSplitter.Chunk chunk)
    {
        var text = chunk.Utf8.Span;
        var reader = new Utf8JsonReader(text, Options);
        try
        {
            while (reader.Read())
            {
                reader.Skip();
            }

            return null;
        }
        catch (JsonException exception)
        {
            return JsonSyntaxError.From(exception, text, ErrorOffset(text, 0, exception), chunk.LineOffset);
        }
    }

    // The pieces of a stream of two or more values, or null to leave the chunk as it is.
    private static List<YamlDocumentSplitter.Chunk>? Values(YamlDocumentSplitter.Chunk chunk)
    {
        var text = chunk.Utf8.Span;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 || text[first] != (byte)'{')
        {
            return null;
        }

        var values = new List<YamlDocumentSplitter.Chunk>();
        var lines = new LineCounter(chunk.LineOffset);
        var readFrom = 0;
        while (readFrom < text.Length)
        {
            var reader = new Utf8JsonReader(text[readFrom..], Options);
            var valueEnd = readFrom;
            try
            {
                while (reader.Read())
                {
                    var start = readFrom + (int)reader.TokenStartIndex;
                    reader.Skip();
                    valueEnd = readFrom + (int)reader.BytesConsumed;
                    values.Add(new YamlDocumentSplitter.Chunk(chunk.Utf8[start..valueEnd], lines.Before(text, start)));
                }

                break;
            }
            catch (JsonException exception)
            {
                var badStart = valueEnd + text[valueEnd..].IndexOfAnyExcept(" \t\r\n"u8);
                if (IsBlankOrComments(text[badStart..]))
                {
                    // Comments after the last object: what YAML allows after a flow mapping, nothing to load.
                    break;
                }

                var (badEnd, nextObjectLine) = BadValueEnd(text, badStart, lines);
                if (values.Count == 0 && IsBlankOrComments(text[badEnd..]))
                {
                    // A single value that is not JSON: perhaps a YAML flow mapping, which the YAML readers decide on.
                    return null;
                }

                var errorOffset = ErrorOffset(text, readFrom, exception);
                var error = errorOffset < badEnd || text[badStart] is not ((byte)'{' or (byte)'[')
                    ? JsonSyntaxError.From(exception, text, errorOffset, chunk.LineOffset)
                    : JsonSyntaxError.NotClosed(text, badStart, chunk.LineOffset, nextObjectLine);
                values.Add(new YamlDocumentSplitter.Chunk(chunk.Utf8[badStart..badEnd], lines.Before(text, badStart)) { SyntaxError = error });
                readFrom = badEnd;
            }
        }

        return values.Count > 1 || (values.Count == 1 && values[0].SyntaxError is not null) ? values : null;
    }

    /// <summary>
    /// Where a value that failed to read ends: after its closing bracket; when it is never closed, at the next line that
    /// starts with <c>{</c> (also given as a 1-based line); when it is no object or list at all, at the next <c>{</c>.
    /// </summary>
    private static (int End, int? NextObjectLine) BadValueEnd(ReadOnlySpan<byte> text, int start, LineCounter lines)
    {
        if (text[start] is not ((byte)'{' or (byte)'['))
        {
            var next = text[(start + 1)..].IndexOf((byte)'{');
            return (next < 0 ? text.Length : start + 1 + next, null);
        }

        if (ClosingEnd(text, start) is var closed and >= 0)
        {
            return (closed, null);
        }

        var nextLine = text[start..].IndexOf("\n{"u8);
        if (nextLine < 0)
        {
            return (text.Length, null);
        }

        var end = start + nextLine + 1;
        return (end, lines.Before(text, end) + 1);
    }

    /// <summary>The offset just after the bracket that closes the one at <paramref name="start"/>, brackets in strings aside; -1 when none does.</summary>
    private static int ClosingEnd(ReadOnlySpan<byte> text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var b = text[i];
            if (inString)
            {
                if (b == (byte)'\\')
                {
                    i++;
                }
                else if (b == (byte)'"')
                {
                    inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    break;
                case (byte)'}' or (byte)']':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }
        }

        return -1;
    }

    /// <summary>The offset in <paramref name="text"/> of the error a reader that started at <paramref name="readFrom"/> threw.</summary>
    private static int ErrorOffset(ReadOnlySpan<byte> text, int readFrom, JsonException exception)
    {
        var lineStart = readFrom;
        for (var line = 0L; line < (exception.LineNumber ?? 0); line++)
        {
            var newline = text[lineStart..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                return text.Length;
            }

            lineStart += newline + 1;
        }

        return lineStart + (int)(exception.BytePositionInLine ?? 0);
    }

    private static bool IsBlankOrComments(ReadOnlySpan<byte> text)
    {
        while (text.IndexOfAnyExcept(" \t\r\n"u8) is var at and >= 0)
        {
            if (text[at] != (byte)'#')
            {
                return false;
            }

            var newline = text[at..].IndexOf((byte)'\n');
            text = newline < 0 ? [] : text[(at + newline)..];
        }

        return true;
    }

    /// <summary>Counts the lines before offsets met in increasing order, each byte once: a long stream is not recounted per object.</summary>
    private sealed class LineCounter(int lineOffset)
    {
        private int countedTo;
        private int lines = lineOffset;

        public int Before(ReadOnlySpan<byte> text, int offset)
        {
            if (offset < countedTo)
            {
                return lines - text[offset..countedTo].Count((byte)'\n');
            }

            lines += text[countedTo..offset].Count((byte)'\n');
            countedTo = offset;
            return lines;
        }
    }
}
