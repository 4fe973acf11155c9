using System.Text.Json.Nodes;

namespace RulesMesh.Loading;

/// <summary>
/// Where a document read by a fast reader stands in its source: a slice of the source's UTF-8 bytes, shared by every
/// document of the source rather than copied out for each, and the lines before it. The full reader reads the slice
/// again when the document's tree or positions are asked for.
/// </summary>
internal readonly record struct DocumentText(ReadOnlyMemory<byte> Utf8, int LineOffset, LoaderLimits Limits)
{
    /// <summary>The JSON tree and source map of the document, built by the full reader.</summary>
    public (JsonNode Json, SourceMap SourceMap) ReadAgain(string sourceName)
        => ManifestReader.ReadAgain(new YamlDocumentSplitter.Chunk(Utf8, LineOffset), sourceName, Limits);
}
