using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Engine;

/// <summary>The clusters of one service's backends that the backend policies kept, with the load assignments of those that use EDS.</summary>
/// <param name="Clusters">Each kept cluster with its load assignment, if it has one of its own.</param>
internal sealed record ServiceClusters(IReadOnlyList<(Cluster Cluster, ClusterLoadAssignment? Endpoints)> Clusters)
{
    public static ServiceClusters None { get; } = new([]);

    public bool Same(ServiceClusters other) => Clusters.SequenceEqual(other.Clusters);
}
