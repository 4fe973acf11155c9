using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>The resources one Gateway's proxy receives besides the shared ones.</summary>
/// <param name="Gateway">The Gateway.</param>
/// <param name="IsWaypoint">Whether it is a waypoint.</param>
/// <param name="Listeners">Its listeners.</param>
/// <param name="Routes">Its route configurations.</param>
/// <param name="Clusters">Its own clusters (a profile whose waypoints bring their own), kept serialised as the backends stage keeps the shared ones.</param>
/// <param name="Endpoints">Their load assignments, kept serialised.</param>
internal sealed record GatewayOutput(NamespacedName Gateway, bool IsWaypoint, IReadOnlyList<Listener> Listeners, IReadOnlyList<RouteConfiguration> Routes, IReadOnlyList<VersionedResource> Clusters, IReadOnlyList<VersionedResource> Endpoints);
