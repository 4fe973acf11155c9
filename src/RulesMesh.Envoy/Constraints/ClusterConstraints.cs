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

    // Envoy's custom cluster types that bring their own load balancer (envoy.clusters.dns, for one, does not).
    private static readonly HashSet<string> BalancingClusterTypes = new(StringComparer.Ordinal)
    {
        DynamicForwardProxy, "envoy.clusters.aggregate", "envoy.clusters.redis",
    };

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

        // A cluster type that brings its own load balancer must be given CLUSTER_PROVIDED, and no other may be.
        var name = custom ?? type?.ToString();
        var providesBalancer = type == Cluster.Types.DiscoveryType.OriginalDst || (custom is not null && BalancingClusterTypes.Contains(custom));
        if (cluster.LbPolicy == Cluster.Types.LbPolicy.ClusterProvided && !providesBalancer)
        {
            violations.Add(new("lb_policy", $"cluster provided LB specified but cluster type {name} did not provide one"));
        }
        else if (providesBalancer && cluster.LbPolicy != Cluster.Types.LbPolicy.ClusterProvided && cluster.LoadBalancingPolicy is null)
        {
            violations.Add(new("lb_policy", $"cluster provided LB not specified but cluster type {name} provided one (only 'CLUSTER_PROVIDED' is allowed)"));
        }

        if (type == Cluster.Types.DiscoveryType.Static)
        {
            // A STATIC cluster's addresses are not resolved: each must be an IP address.
            foreach (var (group, g) in (cluster.LoadAssignment?.Endpoints ?? []).Select(static (group, g) => (group, g)))
            {
                for (var e = 0; e < group.LbEndpoints.Count; e++)
                {
                    // Envoy's parser, not .NET's lenient one: "10.1" or "1" is no address to Envoy.
                    if (group.LbEndpoints[e].Endpoint?.Address?.SocketAddress is { } socket && !WellKnownStrings.IsIp(socket.Address, family: null))
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
