using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The double-HBONE resources of docs/spec/istio-waypoint-output.md §2.4, emitted only with
/// <see cref="Rules.EngineSettings.IstioDoubleHbone"/> (the spec reads Istio's <c>ShouldCreateDoubleHBONEResources</c> as
/// ambiguous on a single network and asks for a switch). The spec gives only their names and kinds; their shape follows
/// Istio's <c>listener.go</c> and waypoint cluster builder as understood, not checked against the source, modelled on
/// <c>connect_originate</c>:
/// <list type="bullet">
/// <item>listeners <c>inner_connect_originate</c> and <c>outer_connect_originate</c>: internal listeners with the
/// <c>original_dst</c> listener filter and one <c>tcp_proxy</c> (stat prefix and cluster = the listener's name) tunnelling
/// to <c>%DOWNSTREAM_LOCAL_ADDRESS%</c>;</item>
/// <item>cluster <c>inner_connect_originate</c>: STATIC, one endpoint, the internal listener
/// <c>outer_connect_originate</c>, its <c>internal_upstream</c> socket (passing original-destination and Istio metadata)
/// wrapping the waypoint's HBONE mTLS, with <c>connect_originate</c>'s HTTP/2 CONNECT options;</item>
/// <item>cluster <c>outer_connect_originate</c>: <c>connect_originate</c>'s ORIGINAL_DST cluster (port override 15008,
/// mTLS, HTTP/2 CONNECT) without its metadata key, so it dials the original destination.</item>
/// </list>
/// </summary>
internal static class IstioDoubleHbone
{
    /// <summary>The inner tunnel's listener and cluster.</summary>
    public const string Inner = "inner_connect_originate";

    /// <summary>The outer tunnel's listener and cluster.</summary>
    public const string Outer = "outer_connect_originate";

    /// <summary>The two internal listeners.</summary>
    public static IEnumerable<Listener> Listeners() => [Tunnel(Inner), Tunnel(Outer)];

    /// <summary>The two clusters, for a waypoint in <paramref name="waypointNamespace"/>.</summary>
    public static IEnumerable<Cluster> Clusters(string waypointNamespace)
    {
        var outer = IstioWaypointClusters.ConnectOriginate(waypointNamespace);
        outer.Name = Outer;
        outer.OriginalDstLbConfig.MetadataKey = null;

        var inner = IstioWaypointClusters.ConnectOriginate(waypointNamespace);
        inner.Name = Inner;
        inner.Type = Cluster.Types.DiscoveryType.Static;
        inner.LbPolicy = Cluster.Types.LbPolicy.RoundRobin;
        inner.OriginalDstLbConfig = null;
        inner.CleanupInterval = null;
        inner.LoadAssignment = new ClusterLoadAssignment
        {
            ClusterName = Inner,
            Endpoints = { new LocalityLbEndpoints { LbEndpoints = { new LbEndpoint { Endpoint = new Endpoint { Address = IstioWaypointClusters.InternalAddress(Outer, endpointId: null) } } } } },
        };
        inner.TransportSocket = IstioWaypointClusters.InternalUpstream(passthrough: true, inner.TransportSocket);
        return [inner, outer];
    }

    private static Listener Tunnel(string name)
    {
        var listener = IstioWaypointListeners.ConnectOriginate();
        listener.Name = name;
        var chain = listener.FilterChains.Single();
        chain.Filters.Clear();
        chain.Filters.Add(IstioWaypointFilters.TcpProxy(name, name, static proxy => proxy.TunnelingConfig = new TcpProxy.Types.TunnelingConfig { Hostname = "%DOWNSTREAM_LOCAL_ADDRESS%" }));
        return listener;
    }
}
