using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Mesh;

namespace RulesMesh.Engine;

/// <summary>The resources one Gateway's proxy receives besides the shared ones.</summary>
/// <param name="Gateway">The Gateway.</param>
/// <param name="IsWaypoint">Whether it is a waypoint.</param>
/// <param name="Listeners">Its listeners.</param>
/// <param name="Routes">Its route configurations.</param>
/// <param name="Clusters">Its own clusters (a profile whose waypoints bring their own).</param>
/// <param name="Endpoints">Their load assignments.</param>
internal sealed record GatewayOutput(NamespacedName Gateway, bool IsWaypoint, IReadOnlyList<Listener> Listeners, IReadOnlyList<RouteConfiguration> Routes, IReadOnlyList<Cluster> Clusters, IReadOnlyList<ClusterLoadAssignment> Endpoints);
