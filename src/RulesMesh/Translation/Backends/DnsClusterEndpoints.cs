using System.Globalization;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;

namespace RulesMesh.Translation.Backends;

/// <summary>
/// What a DNS cluster's inline endpoints must be for Envoy and istiod: Envoy takes a LOGICAL_DNS cluster only with
/// exactly one endpoint ("LOGICAL_DNS clusters must have a single locality_lb_endpoint and a single lb_endpoint", refusing
/// the whole cluster update otherwise), and istiod sends no DNS cluster without endpoints (its
/// <c>DNSNoEndpointClusters</c>), as for a DestinationRule subset whose labels no inline endpoint has. Keeping a
/// LOGICAL_DNS cluster's first endpoint is RulesMesh's choice: Istio validates DNS_ROUND_ROBIN entries to one endpoint,
/// and what istiod does with a racing DNS entry of several is not known here.
/// </summary>
internal static class DnsClusterEndpoints
{
    /// <summary>
    /// False when <paramref name="cluster"/> is a DNS cluster without endpoints, to be left out (with a warning about
    /// <paramref name="backend"/>); a LOGICAL_DNS cluster with several keeps its first (with a warning) and true.
    /// </summary>
    public static bool Fit(Cluster cluster, BackendObject backend, TranslationContext context)
    {
        if (cluster.Type is not (Cluster.Types.DiscoveryType.StrictDns or Cluster.Types.DiscoveryType.LogicalDns) || cluster.ClusterType is not null)
        {
            return true;
        }

        var assignment = cluster.LoadAssignment;
        var count = assignment?.Endpoints.Sum(static g => g.LbEndpoints.Count) ?? 0;
        if (count == 0)
        {
            context.Warn(backend.Service.Key, null, $"cluster {cluster.Name} has no endpoint (no inline endpoint has its subset's labels); it is left out, as istiod leaves out a DNS cluster without endpoints");
            return false;
        }

        if (cluster.Type == Cluster.Types.DiscoveryType.LogicalDns && count > 1)
        {
            var first = assignment!.Endpoints.First(static g => g.LbEndpoints.Count > 0);
            var kept = first.LbEndpoints[0];
            first.LbEndpoints.Clear();
            first.LbEndpoints.Add(kept);
            var groups = new List<LocalityLbEndpoints> { first };
            assignment.Endpoints.Clear();
            assignment.Endpoints.AddRange(groups);
            var address = kept.Endpoint?.Address?.SocketAddress;
            context.Warn(backend.Service.Key, null, string.Create(CultureInfo.InvariantCulture, $"cluster {cluster.Name} is LOGICAL_DNS, which Envoy takes with one endpoint only; RulesMesh keeps the first, {address?.Address}:{address?.PortValue}, of {count}"));
        }

        return true;
    }
}
