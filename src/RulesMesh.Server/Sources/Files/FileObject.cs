using k8s;
using k8s.Models;
using RulesMesh.Engine;
using RulesMesh.Loading;

namespace RulesMesh.Server.Sources.Files;

/// <summary>One object a file defines.</summary>
/// <param name="Key">Its group, kind, namespace and name, as the engine keys it.</param>
/// <param name="Object">The typed object.</param>
/// <param name="Location">Where it is written, <c>file:line</c>, for messages.</param>
/// <param name="Content">Its JSON, to tell an edit from a file rewritten with the same object.</param>
/// <param name="Document">The document it was read from, to locate translation warnings about its fields.</param>
internal sealed record FileObject(ResourceKey Key, IKubernetesObject<V1ObjectMeta> Object, string Location, ReadOnlyMemory<byte> Content, ManifestDocument Document)
{
    /// <summary>Same key, same content.</summary>
    public bool SameAs(FileObject? other) => other is not null && other.Key == Key && other.Content.Span.SequenceEqual(Content.Span);
}
