using RulesMesh.Engine;
using EnvoyCluster = Envoy.Config.Cluster.V3.Cluster;

namespace RulesMesh.Server.Xds;

/// <summary>
/// The endpoint (<c>ClusterLoadAssignment</c>) resource names of clusters: an EDS cluster's <c>service_name</c>, else the
/// cluster's own name (as Envoy subscribes to them).
/// </summary>
internal static class ClusterEndpointNames
{
    /// <summary>
    /// The endpoint names of <paramref name="clusters"/>; a cluster whose content is unknown (reported in
    /// <c>initial_resource_versions</c>) is taken to use its own name.
    /// </summary>
    public static HashSet<string> Of(IEnumerable<string> clusters, IReadOnlyDictionary<string, VersionedResource> contents)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cluster in clusters)
        {
            var serviceName = contents.GetValueOrDefault(cluster)?.Resource is EnvoyCluster { EdsClusterConfig.ServiceName: { Length: > 0 } named } ? named : null;
            names.Add(serviceName ?? cluster);
        }

        return names;
    }
}
