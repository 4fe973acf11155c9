using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>
/// What a proxy says about itself that its <see cref="ClientIdentity"/> is derived from
/// (docs/spec/kgateway-destinationrule-priorities.md §B1): the Pod it runs in (from <c>node.id</c>) and its own locality
/// (Envoy's <c>node.locality</c>), the fallback when the Pod and its Node give none.
/// </summary>
/// <param name="Pod">The client Pod's namespace and name, or null when the proxy names none.</param>
/// <param name="Locality">The proxy's own locality as <c>region/zone/subzone</c>, or null.</param>
public sealed record ProxyClient(NamespacedName? Pod, string? Locality);
