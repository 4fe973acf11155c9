using System.Text.Json.Nodes;

namespace RulesMesh.Loading;

/// <summary>
/// One non-empty YAML (or JSON) document, converted to JSON, with where each of its nodes came from.
/// The loader reads most documents straight to typed objects; their JSON tree and source map are built from the
/// document's text only when asked for (an error to locate, a test to inspect), so a large load does not hold a tree
/// and a position table for every document.
/// </summary>
public sealed class ManifestDocument
{
    private readonly DocumentText text;
    private DocumentContent? content;
    private object? buildLock;

    /// <summary>A document whose JSON and source map are already built.</summary>
    /// <param name="sourceName">The file path, or a name such as <c>&lt;stdin&gt;</c> for other sources.</param>
    /// <param name="line">1-based line of the document's first node.</param>
    /// <param name="json">The document as JSON, scalars resolved as Kubernetes resolves them.</param>
    /// <param name="sourceMap">Line and column of every node, by field path.</param>
    public ManifestDocument(string sourceName, int line, JsonNode json, SourceMap sourceMap)
    {
        SourceName = sourceName;
        Line = line;
        content = new DocumentContent(json, sourceMap);
    }

    /// <summary>A document whose JSON and source map are read again from <paramref name="text"/> on first use.</summary>
    internal ManifestDocument(string sourceName, int line, DocumentText text)
    {
        SourceName = sourceName;
        Line = line;
        this.text = text;
    }

    /// <summary>The file path, or a name such as <c>&lt;stdin&gt;</c> for other sources.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the document's first node.</summary>
    public int Line { get; }

    /// <summary>The document as JSON, scalars resolved as Kubernetes resolves them.</summary>
    public JsonNode Json => Content.Json;

    /// <summary>Line and column of every node, by field path.</summary>
    public SourceMap SourceMap => Content.SourceMap;

    // Several threads may ask at once: the text is read once. Read first, so only the first use makes the closure.
    private DocumentContent Content
        => Volatile.Read(ref content)
            ?? LazyInitializer.EnsureInitialized(ref content, ref buildLock, () => DocumentContent.From(text.ReadAgain(SourceName)));

    private sealed record DocumentContent(JsonNode Json, SourceMap SourceMap)
    {
        public static DocumentContent From((JsonNode Json, SourceMap SourceMap) read) => new(read.Json, read.SourceMap);
    }
}
