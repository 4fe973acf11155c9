using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// A cluster sent to proxyless gRPC clients in place of one a route names but they cannot use (a backendRef that does
/// not resolve, a DNS or original-destination cluster, a rule answered directly): an EDS cluster whose load assignment
/// has no endpoints. gRPC waits for every cluster its routes name before it sends any call (a name never answered
/// counts as missing only after its 15 s resource timer), so every name must get an answer; with no endpoints the
/// calls a route sends there fail at once with UNAVAILABLE, as Envoy answers them with an error status.
/// </summary>
public static class UnavailableCluster
{
    /// <summary>The cluster rules that a waypoint answers directly (a redirect, a direct response) route to for proxyless clients.</summary>
    public const string DirectResponseName = "rulesmesh_proxyless_unavailable";

    /// <summary>The cluster <paramref name="name"/> without endpoints, and its empty load assignment.</summary>
    public static (Cluster Cluster, ClusterLoadAssignment Endpoints) Named(string name)
        => (new Cluster { Name = name, LbPolicy = Cluster.Types.LbPolicy.RoundRobin }.WithEds(), new ClusterLoadAssignment { ClusterName = name });
}
