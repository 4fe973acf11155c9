using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using RulesMesh.Mesh;

namespace RulesMesh.Translation.Listeners;

/// <summary>One waypoint's configuration as a proxy receives it; route configurations are inline in its listeners.</summary>
/// <param name="Gateway">The waypoint Gateway.</param>
/// <param name="Listeners">Its listeners.</param>
/// <param name="Clusters">Its clusters.</param>
/// <param name="Endpoints">The load assignments of its EDS clusters.</param>
public sealed record WaypointProxy(NamespacedName Gateway, IReadOnlyList<Listener> Listeners, IReadOnlyList<Cluster> Clusters, IReadOnlyList<ClusterLoadAssignment> Endpoints);
