using Envoy.Config.Cluster.V3;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Policy;

namespace RulesMesh.Engine;

/// <summary>
/// The backends stage for one service: each backend's cluster, its endpoints when it uses EDS, and the backend policies
/// over both; a cluster a policy leaves out is not kept. Empty while the profile's proxies bring their own clusters
/// and no ordinary Gateway needs them.
/// </summary>
internal sealed class ServiceClustersItem(InputKey key, string kind) : InputItem(key, kind, ItemOrder.Clusters)
{
    public override object? Compute(ItemFrame frame)
    {
        if (!frame.Engine.SharedClustersServed(frame))
        {
            return ServiceClusters.None;
        }

        var context = frame.Context;
        var kept = new List<(VersionedResource, VersionedResource?)>();
        foreach (var backend in BackendsItem.Of(frame, Key, Kind))
        {
            if (frame.Pipeline.Stage<IClusterRule>().BuildCluster(backend, context) is not { } built)
            {
                continue;
            }

            var cluster = built.Cluster;
            var eds = cluster.Type == Cluster.Types.DiscoveryType.Eds ? frame.Pipeline.Stage<IEndpointsRule>().BuildEndpoints(backend, context) : null;
            var assigned = eds ?? built.InlineEndpoints ?? (cluster.LoadAssignment is { } inline ? new BackendEndpoints(inline) : null);
            if (!BackendPolicies.Apply(backend, cluster, assigned, frame.Pipeline, context))
            {
                continue;
            }

            // A policy may have turned the cluster into a STATIC one (ingress through the waypoint): no EDS resource then.
            var endpoints = eds is not null && cluster.Type == Cluster.Types.DiscoveryType.Eds ? eds.Assignment : null;
            kept.Add((VersionedResource.Serialize(cluster.Name, cluster), endpoints is null ? null : VersionedResource.Serialize(endpoints.ClusterName, endpoints)));
        }

        return new ServiceClusters(kept);
    }

    public override bool SameValue(object? before, object? after)
        => before is ServiceClusters a && after is ServiceClusters b && a.Same(b);
}
