using k8s;
using k8s.Models;
using RulesMesh.Modeling;

namespace RulesMesh.Loading;

/// <summary>A manifest read into its typed model.</summary>
/// <param name="Object">The typed object, e.g. a <see cref="V1Service"/> or a generated ServiceEntry.</param>
/// <param name="Model">The model it was read with.</param>
/// <param name="Document">The document it came from: file, line, the original JSON and its source map.</param>
public sealed record LoadedResource(IKubernetesObject<V1ObjectMeta> Object, ModelDescriptor Model, ManifestDocument Document);
