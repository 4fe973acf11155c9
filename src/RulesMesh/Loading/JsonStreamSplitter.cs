using System.Text.Json;

namespace RulesMesh.Loading;

/// <summary>
/// Cuts a piece that is a stream of JSON objects one after the other (<c>{…}{…}</c> or one per line, which kubectl reads
/// from a <c>.json</c> file) into one piece per object, each with the lines before it, so each loads as a document of
/// its own. A piece that does not start with <c>{</c>, or is not wholly JSON values (a YAML flow mapping such as
/// <c>{a: b}</c>, a JSON error), or holds a single value, is left as it is.
/// </summary>
internal static class JsonStreamSplitter
{
    /// <summary><paramref name="chunks"/>, each JSON stream among them cut into its values.</summary>
    public static List<YamlDocumentSplitter.Chunk> Split(List<YamlDocumentSplitter.Chunk> chunks)
    {
        List<YamlDocumentSplitter.Chunk>? split = null;
        for (var i = 0; i < chunks.Count; i++)
        {
            if (Values(chunks[i]) is { Count: > 1 } values)
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

    private static List<YamlDocumentSplitter.Chunk>? Values(YamlDocumentSplitter.Chunk chunk)
    {
        var text = chunk.Utf8.Span;
        var first = text.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0 || text[first] != (byte)'{')
        {
            return null;
        }

        var values = new List<YamlDocumentSplitter.Chunk>();
        var reader = new Utf8JsonReader(text, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 1000 });
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                values.Add(new YamlDocumentSplitter.Chunk(chunk.Utf8[start..end], chunk.LineOffset + text[..start].Count((byte)'\n')));
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return values;
    }
}
