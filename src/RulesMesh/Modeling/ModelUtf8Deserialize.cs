using System.Text.Json;
using k8s;
using k8s.Models;

namespace RulesMesh.Modeling;

/// <summary>
/// Reads one object of a model's version straight from its UTF-8 JSON, as <see cref="ModelDescriptor.Deserialize"/>
/// reads it from a parsed element, failing the same way.
/// </summary>
/// <param name="utf8Json">The whole document as JSON.</param>
/// <param name="options">The serializer options the document is read with.</param>
/// <param name="strings">The pool of the load the document is read in.</param>
/// <returns>The object as the hub type; null for a JSON null.</returns>
internal delegate IKubernetesObject<V1ObjectMeta>? ModelUtf8Deserialize(ReadOnlySpan<byte> utf8Json, JsonSerializerOptions options, StringPool strings);
