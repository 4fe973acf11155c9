using k8s;
using k8s.Models;

namespace RulesMesh.Server.Sources.Kubernetes;

/// <summary>An object read from the API server.</summary>
/// <param name="Object">The typed object, or null when it cannot be used.</param>
/// <param name="Problems">Why it cannot be used; empty when it can.</param>
/// <param name="Warnings">What was left out of a usable object (fields the built-in schema does not declare, an invalid status), each with its field.</param>
internal sealed record DecodedObject(IKubernetesObject<V1ObjectMeta>? Object, IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings);
