using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Translation.Proxyless;

/// <summary>A cluster a proxyless gRPC client accepts (EDS over ADS) with its load assignment, or nothing when gRPC cannot use it.</summary>
/// <param name="Cluster">The cluster, or null when it is left out.</param>
/// <param name="Endpoints">Its load assignment (null when left out).</param>
public sealed record ProxylessCluster(Cluster? Cluster, ClusterLoadAssignment? Endpoints)
{
    /// <summary>The cluster is left out (a rule warned why).</summary>
    public static ProxylessCluster LeftOut { get; } = new(null, null);
}
