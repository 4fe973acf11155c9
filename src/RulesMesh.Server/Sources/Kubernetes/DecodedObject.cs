using k8s;
using k8s.Models;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>An object read from the API server.</summary>
/// <param name="Object">The typed object, or null when it cannot be used.</param>
/// <param name="Problems">Why it cannot be used; empty when it can.</param>
internal sealed record DecodedObject(IKubernetesObject<V1ObjectMeta>? Object, IReadOnlyList<string> Problems);
