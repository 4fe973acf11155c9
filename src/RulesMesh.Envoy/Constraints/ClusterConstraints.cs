using System.Net;
using Envoy.Config.Cluster.V3;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;

namespace RulesMesh.Xds.Constraints;

/// <summary>
/// Checks Envoy makes in code when it builds a cluster, beyond its protos' rules (<see cref="ProtoConstraints"/>): a
/// cluster that fails one is refused with the whole response that carried it. Each message quotes Envoy's own words.
/// </summary>
public static class ClusterConstraints
{
    private const string HttpOptionsKey = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";
    private const string DynamicForwardProxy = "envoy.clusters.dynamic_forward_proxy";

    /// <summary>Every check <paramref name="cluster"/> fails; empty when it fails none.</summary>
    public static IReadOnlyList<ConstraintViolation> Check(Cluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var violations = new List<ConstraintViolation>();
        var custom = cluster.ClusterType?.Name;
        var type = custom is null ? cluster.Type : (Cluster.Types.DiscoveryType?)null;
        if (type == Cluster.Types.DiscoveryType.LogicalDns
            && (cluster.LoadAssignment?.Endpoints is not { Count: 1 } groups || groups[0].LbEndpoints.Count != 1))
        {
            violations.Add(new("load_assignment", "LOGICAL_DNS clusters must have a single locality_lb_endpoint and a single lb_endpoint"));
        }

        // Only ORIGINAL_DST and custom cluster types provide their own load balancer, and they must.
        var providesBalancer = type == Cluster.Types.DiscoveryType.OriginalDst || custom is not null;
        if (cluster.LbPolicy == Cluster.Types.LbPolicy.ClusterProvided && !providesBalancer)
        {
            violations.Add(new("lb_policy", $"LB policy CLUSTER_PROVIDED is not valid for cluster type {type}"));
        }
        else if (type == Cluster.Types.DiscoveryType.OriginalDst && cluster.LbPolicy != Cluster.Types.LbPolicy.ClusterProvided && cluster.LoadBalancingPolicy is null)
        {
            violations.Add(new("lb_policy", "only 'CLUSTER_PROVIDED' is allowed with cluster type 'ORIGINAL_DST'"));
        }

        if (type == Cluster.Types.DiscoveryType.Static)
        {
            // A STATIC cluster's addresses are not resolved: each must be an IP address.
            foreach (var (group, g) in (cluster.LoadAssignment?.Endpoints ?? []).Select(static (group, g) => (group, g)))
            {
                for (var e = 0; e < group.LbEndpoints.Count; e++)
                {
                    if (group.LbEndpoints[e].Endpoint?.Address?.SocketAddress is { } socket && !IPAddress.TryParse(socket.Address, out _))
                    {
                        violations.Add(new($"load_assignment.endpoints[{g}].lb_endpoints[{e}].endpoint.address.socket_address.address", $"malformed IP address: {socket.Address}"));
                    }
                }
            }
        }

        if (custom == DynamicForwardProxy
            && cluster.TypedExtensionProtocolOptions.TryGetValue(HttpOptionsKey, out var packed)
            && packed.TryUnpack<UpstreamHttpOptions>(out var options)
            && options.UpstreamHttpProtocolOptions is not { AutoSni: true, AutoSanValidation: true }
            && !(cluster.ClusterType!.TypedConfig?.TryUnpack<Envoy.Extensions.Clusters.DynamicForwardProxy.V3.ClusterConfig>(out var config) == true && config.AllowInsecureClusterOptions))
        {
            violations.Add(new($"typed_extension_protocol_options[{HttpOptionsKey}].upstream_http_protocol_options", "dynamic_forward_proxy cluster must have auto_sni and auto_san_validation true unless allow_insecure_cluster_options is set"));
        }

        return violations;
    }
}
