using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>One Gateway that is a proxy of its own, with the resources only it receives.</summary>
/// <param name="Gateway">The Gateway.</param>
/// <param name="IsWaypoint">Whether it is a waypoint (waypoints come before ordinary Gateways when resources are merged).</param>
/// <param name="Own">Its listeners and route configurations, and the clusters and endpoints of a profile whose waypoints bring their own.</param>
public sealed record ProxyState(NamespacedName Gateway, bool IsWaypoint, ResourceSet Own);
