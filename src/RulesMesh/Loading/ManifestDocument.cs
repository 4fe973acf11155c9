using System.Text.Json.Nodes;

namespace RulesMesh.Loading;

/// <summary>One non-empty YAML (or JSON) document, converted to JSON, with where each of its nodes came from.</summary>
/// <param name="SourceName">The file path, or a name such as <c>&lt;stdin&gt;</c> for other sources.</param>
/// <param name="Line">1-based line of the document's first node.</param>
/// <param name="Json">The document as JSON, scalars resolved as Kubernetes resolves them.</param>
/// <param name="SourceMap">Line and column of every node, by field path.</param>
public sealed record ManifestDocument(string SourceName, int Line, JsonNode Json, SourceMap SourceMap);
