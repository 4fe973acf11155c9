using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Core.V3;
using Envoy.Config.Endpoint.V3;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// A backend's cluster as gRPC's xDS client validates it (grpc-js-xds 1.14.1, <c>cluster-resource-type.js</c> and
/// <c>endpoint-resource-type.js</c>; docs/proxyless.md): an EDS cluster over ADS with <c>ROUND_ROBIN</c> or
/// <c>RING_HASH</c>; a STATIC cluster's inline endpoints become its load assignment. DNS clusters (<c>STRICT_DNS</c>,
/// <c>LOGICAL_DNS</c>, the <c>envoy.clusters.dns</c> extension) and original-destination clusters are left out; other
/// load balancers become <c>ROUND_ROBIN</c>; a transport socket (gRPC wants certificate providers from its bootstrap)
/// and <c>load_balancing_policy</c> are removed; outlier detection is kept only when it asks for an ejection gRPC
/// applies (success rate or failure percentage), never with gRPC's default success-rate ejection added. Endpoints: every locality is set and weighted (gRPC skips unweighted
/// ones), endpoints whose address is not an IP address and port, and repeats of an address, are left out, duplicate locality and priority pairs are
/// merged and priorities renumbered 0, 1, … (gRPC refuses gaps). Every change is a warning naming the cluster and field.
/// </summary>
[Rule("proxyless.cluster.grpc",
    Description = "Clusters for proxyless gRPC clients: EDS over ADS (STATIC becomes EDS), ROUND_ROBIN or RING_HASH; DNS clusters, transport sockets and unweighted or non-IP endpoints are what gRPC refuses and are left out with a warning.")]
public sealed class GrpcCluster : IProxylessClusterRule
{
    /// <inheritdoc />
    public ProxylessCluster? ProxylessCluster(ProxylessClusterRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var cluster = request.Cluster;
        var subject = request.Subject;
        if (cluster.ClusterType is { } custom)
        {
            context.Warn(subject, $"cluster {cluster.Name}: cluster_type {custom.Name} is not supported by gRPC clients; the cluster is left out for proxyless clients");
            return Proxyless.ProxylessCluster.LeftOut;
        }

        ClusterLoadAssignment? assignment;
        switch (cluster.Type)
        {
            case Cluster.Types.DiscoveryType.Eds:
                assignment = request.Endpoints?.Clone() ?? new ClusterLoadAssignment();
                break;
            case Cluster.Types.DiscoveryType.Static:
                assignment = cluster.LoadAssignment?.Clone() ?? new ClusterLoadAssignment();
                cluster.LoadAssignment = null;
                cluster.WithEds();
                break;
            default:
                context.Warn(subject, $"cluster {cluster.Name}: type {cluster.Type.ToString().ToUpperInvariant()} is not supported by gRPC clients (only EDS); the cluster is left out for proxyless clients");
                return Proxyless.ProxylessCluster.LeftOut;
        }

        assignment.ClusterName = cluster.Name;
        if (cluster.EdsClusterConfig?.EdsConfig is not { Ads: not null })
        {
            cluster.WithEds();
        }

        if (cluster.LbPolicy is not (Cluster.Types.LbPolicy.RoundRobin or Cluster.Types.LbPolicy.RingHash))
        {
            context.Warn(subject, $"cluster {cluster.Name}: lb_policy {cluster.LbPolicy} is not supported by gRPC clients; ROUND_ROBIN is used");
            cluster.LbPolicy = Cluster.Types.LbPolicy.RoundRobin;
        }

        if (cluster.LoadBalancingPolicy is not null)
        {
            context.Warn(subject, $"cluster {cluster.Name}: load_balancing_policy is left out for gRPC clients; {cluster.LbPolicy} is used");
            cluster.LoadBalancingPolicy = null;
        }

        if (cluster.TransportSocket is not null || cluster.TransportSocketMatches.Count > 0)
        {
            context.Warn(subject, $"cluster {cluster.Name}: transport_socket (upstream TLS) is left out for gRPC clients, which take TLS from certificate providers in their bootstrap; connections are plaintext");
            cluster.TransportSocket = null;
            cluster.TransportSocketMatches.Clear();
        }

        if (cluster.OutlierDetection is { } outlier)
        {
            OutlierDetection(cluster, outlier, subject, context);
        }

        return new ProxylessCluster(cluster, Endpoints(assignment, subject, context));
    }

    /// <summary>
    /// Outlier detection as gRPC applies it (gRFC A50; grpc-js-xds <c>cluster-resource-type.js</c>): only success-rate
    /// and failure-percentage ejection, the first turned on with its defaults unless <c>enforcing_success_rate</c> is 0.
    /// Consecutive-error ejection (what a DestinationRule asks for) has no gRPC equivalent, and neither ejection says
    /// "after N errors in a row": without an ejection gRPC applies as written, outlier detection is left out rather
    /// than replaced by one the user did not ask for.
    /// </summary>
    private static void OutlierDetection(Cluster cluster, OutlierDetection outlier, string subject, TranslationContext context)
    {
        var ignored = new List<string>();
        if (outlier.Consecutive5Xx is not 0 && outlier.EnforcingConsecutive5Xx is not 0)
        {
            ignored.Add("consecutive_5xx (DestinationRule outlierDetection.consecutive5xxErrors)");
        }

        if (outlier.EnforcingConsecutiveGatewayFailure is > 0)
        {
            ignored.Add("consecutive_gateway_failure (DestinationRule outlierDetection.consecutiveGatewayErrors)");
        }

        if (outlier.EnforcingConsecutiveLocalOriginFailure is > 0)
        {
            ignored.Add("consecutive_local_origin_failure (DestinationRule outlierDetection.consecutiveLocalOriginFailures)");
        }

        var grpcEjects = outlier.EnforcingSuccessRate is > 0 || outlier.EnforcingFailurePercentage is > 0;
        if (!grpcEjects)
        {
            context.Warn(subject, $"cluster {cluster.Name}: outlier_detection {(ignored.Count > 0 ? string.Join(", ", ignored) : "without success-rate or failure-percentage ejection")} is not applied by gRPC clients (gRFC A50: only success-rate and failure-percentage ejection, success-rate on by default); outlier detection is left out for proxyless clients");
            cluster.OutlierDetection = null;
            return;
        }

        // gRPC runs success-rate ejection unless enforcing_success_rate is 0: only what was asked for is kept.
        outlier.EnforcingSuccessRate ??= 0;
        if (ignored.Count > 0)
        {
            context.Warn(subject, $"cluster {cluster.Name}: outlier_detection {string.Join(", ", ignored)} is not applied by gRPC clients (gRFC A50); their success-rate or failure-percentage ejection is kept");
        }
    }

    /// <summary>The assignment as gRPC validates it: set, weighted localities of IP endpoints, unique per priority, priorities without gaps.</summary>
    private static ClusterLoadAssignment Endpoints(ClusterLoadAssignment assignment, string subject, TranslationContext context)
    {
        var merged = new SortedDictionary<(uint Priority, string Region, string Zone, string Subzone), LocalityLbEndpoints>();
        var seen = new HashSet<(string Address, uint Port)>();
        foreach (var group in assignment.Endpoints)
        {
            var locality = group.Locality ?? new Locality();
            var key = (group.Priority, locality.Region, locality.Zone, locality.SubZone);
            if (!merged.TryGetValue(key, out var into))
            {
                into = new LocalityLbEndpoints { Locality = locality.Clone(), Priority = group.Priority };
                merged[key] = into;
            }

            foreach (var endpoint in group.LbEndpoints)
            {
                if (AddressProblem(endpoint) is { } problem)
                {
                    context.Warn(subject, $"cluster {assignment.ClusterName}: endpoint {problem}; gRPC clients accept only IP addresses with a port_value, so it is left out for proxyless clients");
                    continue;
                }

                var socket = endpoint.Endpoint.Address.SocketAddress;
                if (!seen.Add((socket.Address, socket.PortValue)))
                {
                    context.Warn(subject, string.Create(CultureInfo.InvariantCulture, $"cluster {assignment.ClusterName}: endpoint {socket.Address}:{socket.PortValue} appears twice; gRPC clients refuse a repeated address, so only its first entry is sent to proxyless clients"));
                    continue;
                }

                into.LbEndpoints.Add(endpoint);
            }
        }

        var kept = merged.Values.Where(static g => g.LbEndpoints.Count > 0).ToList();
        var ranks = kept.Select(static g => g.Priority).Distinct().Order().Select((priority, rank) => (priority, rank)).ToDictionary(static p => p.priority, static p => (uint)p.rank);
        var result = new ClusterLoadAssignment { ClusterName = assignment.ClusterName, Policy = assignment.Policy };
        foreach (var group in kept)
        {
            group.Priority = ranks[group.Priority];
            var weight = group.LbEndpoints.Sum(static e => (long)(e.LoadBalancingWeight ?? 1));
            group.LoadBalancingWeight = (uint)Math.Clamp(weight, 1, uint.MaxValue);
            result.Endpoints.Add(group);
        }

        return result;
    }

    /// <summary>What gRPC refuses in an endpoint's address, in words, or null.</summary>
    private static string? AddressProblem(LbEndpoint endpoint)
    {
        if (endpoint.Endpoint?.Address?.SocketAddress is not { } socket)
        {
            return "without a socket address";
        }

        if (socket.PortSpecifierCase != Envoy.Config.Core.V3.SocketAddress.PortSpecifierOneofCase.PortValue)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{socket.Address} has a named port {socket.NamedPort}");
        }

        return IsIpAddress(socket.Address) ? null : $"address {socket.Address}:{socket.PortValue} is not an IP address";
    }

    /// <summary>Node's <c>net.isIPv4</c> or <c>net.isIPv6</c>: a dotted quad or an IPv6 address (not .NET's lenient forms such as "1").</summary>
    internal static bool IsIpAddress(string address)
        => IPAddress.TryParse(address, out var ip)
            && (ip.AddressFamily == AddressFamily.InterNetworkV6 ? address.Contains(':', StringComparison.Ordinal) : address.Count(static c => c == '.') == 3);
}
