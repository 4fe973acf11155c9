namespace RulesMesh.Loading;

/// <summary>
/// Cuts a YAML stream at its <c>---</c> lines before parsing, as kubectl does, so that a syntax
/// error in one document does not stop the documents after it from loading.
/// A <c>---</c> at the start of a line always starts a document in YAML, so cutting there is safe.
/// </summary>
internal static class YamlDocumentSplitter
{
    /// <summary>A piece of the stream and the number of lines before it.</summary>
    public readonly record struct Chunk(string Text, int LineOffset);

    /// <summary>The pieces of <paramref name="text"/>; each separator line begins the piece after it.</summary>
    public static IEnumerable<Chunk> Split(string text)
    {
        var chunkStart = 0;
        var chunkFirstLine = 0;
        var lineStart = 0;
        var line = 0;
        while (lineStart < text.Length)
        {
            if (lineStart > chunkStart && IsSeparator(text, lineStart))
            {
                yield return new Chunk(text[chunkStart..lineStart], chunkFirstLine);
                chunkStart = lineStart;
                chunkFirstLine = line;
            }

            var newline = text.IndexOf('\n', lineStart);
            lineStart = newline < 0 ? text.Length : newline + 1;
            line++;
        }

        yield return new Chunk(text[chunkStart..], chunkFirstLine);
    }

    private static bool IsSeparator(string text, int lineStart)
        => text.AsSpan(lineStart).StartsWith("---")
           && (lineStart + 3 == text.Length || text[lineStart + 3] is ' ' or '\t' or '\r' or '\n');
}
