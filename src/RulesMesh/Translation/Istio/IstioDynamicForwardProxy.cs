using Envoy.Config.Cluster.V3;
using Envoy.Extensions.Common.DynamicForwardProxy.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf.WellKnownTypes;
using ClusterConfig = Envoy.Extensions.Clusters.DynamicForwardProxy.V3.ClusterConfig;
using FilterConfig = Envoy.Extensions.Filters.Http.DynamicForwardProxy.V3.FilterConfig;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// A MESH_EXTERNAL DYNAMIC_DNS ServiceEntry host (docs/spec/istio-waypoint-output.md §3, §5, §2.2 HTTP filter 9): its
/// <c>inbound-vip</c> clusters are Envoy's dynamic forward proxy (<c>envoy.clusters.dynamic_forward_proxy</c>,
/// <c>CLUSTER_PROVIDED</c>), resolving the request's host through the DNS cache <c>&lt;host&gt;_dfp_dns_cache</c>, which the
/// dynamic forward proxy HTTP filter of its HTTP chains fills.
/// </summary>
/// <remarks>
/// The spec names the cache but not its other settings; the cache config carries only its name (as understood, not
/// checked against the source).
/// </remarks>
internal static class IstioDynamicForwardProxy
{
    /// <summary>The HTTP filter's name.</summary>
    public const string FilterName = "envoy.filters.http.dynamic_forward_proxy";

    /// <summary>The name of <paramref name="host"/>'s DNS cache.</summary>
    public static string CacheName(string host) => host + "_dfp_dns_cache";

    /// <summary>Makes <paramref name="cluster"/> a dynamic forward proxy over <paramref name="host"/>'s DNS cache.</summary>
    public static void Configure(Cluster cluster, string host)
    {
        cluster.ClusterType = new Cluster.Types.CustomClusterType
        {
            Name = "envoy.clusters.dynamic_forward_proxy",
            TypedConfig = Any.Pack(new ClusterConfig { DnsCacheConfig = Cache(host) }),
        };
        cluster.LbPolicy = Cluster.Types.LbPolicy.ClusterProvided;
    }

    /// <summary>The HTTP filter that resolves each request's host into <paramref name="host"/>'s DNS cache.</summary>
    public static HttpFilter Filter(string host) => new() { Name = FilterName, TypedConfig = Any.Pack(new FilterConfig { DnsCacheConfig = Cache(host) }) };

    private static DnsCacheConfig Cache(string host) => new() { Name = CacheName(host) };
}
