using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Common.SetFilterState.V3;
using Envoy.Extensions.Filters.Http.Cors.V3;
using Envoy.Extensions.Filters.Http.Fault.V3;
using Envoy.Extensions.Filters.Http.GrpcWeb.V3;
using Envoy.Extensions.Filters.Http.GrpcStats.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Google.Protobuf.WellKnownTypes;
using Udpa.Type.V1;
using HttpSetFilterState = Envoy.Extensions.Filters.Http.SetFilterState.V3.Config;
using NetworkSetFilterState = Envoy.Extensions.Filters.Network.SetFilterState.V3.Config;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The filters istiod puts on a waypoint (docs/spec/istio-waypoint-output.md §2). Istio's own extensions (peer metadata,
/// metadata exchange, stats) are configured as <c>udpa.type.v1.TypedStruct</c>s, as istiod sends them.
/// </summary>
internal static class IstioWaypointFilters
{
    // Configurations every chain carries unchanged: serialised once, each filter gets its own Any around the bytes.
    private static readonly PackedConfig PackedGrpcWeb = PackedConfig.Of(new GrpcWeb());
    private static readonly PackedConfig PackedGrpcStats = PackedConfig.Of(new FilterConfig { EmitFilterState = true, StatsForAllMethods = false });
    private static readonly PackedConfig PackedFault = PackedConfig.Of(new HTTPFault());
    private static readonly PackedConfig PackedCors = PackedConfig.Of(new Cors());
    private static readonly PackedConfig PackedRouter = PackedConfig.Of(new Router());

    /// <summary>The HTTP connection manager network filter.</summary>
    public const string HttpConnectionManagerName = "envoy.filters.network.http_connection_manager";

    /// <summary>The TCP proxy network filter.</summary>
    public const string TcpProxyName = "envoy.filters.network.tcp_proxy";

    /// <summary>The set_filter_state filter that keeps the HBONE authority and peer identities.</summary>
    public const string ConnectAuthorityName = "connect_authority";

    private const string PeerMetadataType = "type.googleapis.com/io.istio.http.peer_metadata.Config";

    private const string HashableString = "istio.hashable_string";

    /// <summary><c>waypoint_downstream_peer_metadata</c>: the client's workload metadata, shared with upstream.</summary>
    public static HttpFilter DownstreamPeerMetadata() => Typed("waypoint_downstream_peer_metadata", PeerMetadataType, new Struct
    {
        Fields =
        {
            ["downstream_discovery"] = Value.ForList(Value.ForStruct(WorkloadDiscovery())),
            ["shared_with_upstream"] = Value.ForBool(true),
        },
    });

    /// <summary><c>waypoint_upstream_peer_metadata</c>: the server's workload metadata.</summary>
    public static HttpFilter UpstreamPeerMetadata() => Typed("waypoint_upstream_peer_metadata", PeerMetadataType, new Struct
    {
        Fields = { ["upstream_discovery"] = Value.ForList(Value.ForStruct(WorkloadDiscovery())) },
    });

    /// <summary>
    /// <c>connect_authority</c> on <c>connect_terminate</c>: on request headers, the CONNECT authority becomes the original
    /// destination, and the client address and both identities go to filter state, each shared with upstream once.
    /// </summary>
    public static HttpFilter ConnectAuthority()
    {
        var config = new HttpSetFilterState();
        config.OnRequestHeaders.Add(State(IstioWaypointNames.OriginalDstLocal, "%REQ(:AUTHORITY)%", factory: null));
        config.OnRequestHeaders.Add(State("io.istio.connect_authority", "%REQ(:AUTHORITY)%", HashableString));
        config.OnRequestHeaders.Add(State(IstioWaypointNames.OriginalDstRemote, "%DOWNSTREAM_REMOTE_ADDRESS%", factory: null));
        config.OnRequestHeaders.Add(State("io.istio.peer_principal", "%DOWNSTREAM_PEER_URI_SAN%", HashableString));
        config.OnRequestHeaders.Add(State("io.istio.local_principal", "%DOWNSTREAM_LOCAL_URI_SAN%", HashableString));
        return new HttpFilter { Name = ConnectAuthorityName, TypedConfig = Any.Pack(config) };
    }

    /// <summary>The direct chains' <c>connect_authority</c>: on a new connection, the original destination is kept for the upstream.</summary>
    public static Filter DirectConnectAuthority()
    {
        var config = new NetworkSetFilterState();
        config.OnNewConnection.Add(State(IstioWaypointNames.OriginalDstLocal, $"%FILTER_STATE({IstioWaypointNames.OriginalDstLocal}:PLAIN)%", factory: null));
        return new Filter { Name = ConnectAuthorityName, TypedConfig = Any.Pack(config) };
    }

    /// <summary><c>istio.metadata_exchange</c>, first on a TCP chain.</summary>
    public static Filter MetadataExchange() => new()
    {
        Name = "istio.metadata_exchange",
        TypedConfig = Any.Pack(new TypedStruct
        {
            TypeUrl = "type.googleapis.com/envoy.tcp.metadataexchange.config.MetadataExchange",
            Value = new Struct { Fields = { ["protocol"] = Value.ForString("istio-peer-exchange"), ["enable_discovery"] = Value.ForBool(true) } },
        }),
    };

    /// <summary><c>istio.stats</c> on a TCP chain (Prometheus, the Helm default).</summary>
    public static Filter TcpStats() => new()
    {
        Name = "istio.stats",
        TypedConfig = Any.Pack(new TypedStruct { TypeUrl = "type.googleapis.com/stats.PluginConfig", Value = new Struct() }),
    };

    /// <summary><c>istio.stats</c> on an HTTP chain, reporting as a server gateway.</summary>
    public static HttpFilter HttpStats() => Typed("istio.stats", "type.googleapis.com/stats.PluginConfig", new Struct
    {
        Fields = { ["reporter"] = Value.ForString("SERVER_GATEWAY") },
    });

    /// <summary>
    /// The filters every service HTTP chain has between authorization and the router; <c>grpc_web</c> first on a port
    /// whose protocol is GRPC-Web (<paramref name="grpcWeb"/>).
    /// </summary>
    public static IEnumerable<HttpFilter> HttpChainFilters(bool grpcWeb)
    {
        if (grpcWeb)
        {
            yield return new HttpFilter { Name = "envoy.filters.http.grpc_web", TypedConfig = PackedGrpcWeb.ToAny() };
        }

        yield return new HttpFilter { Name = "envoy.filters.http.grpc_stats", TypedConfig = PackedGrpcStats.ToAny() };
        yield return new HttpFilter { Name = "envoy.filters.http.fault", TypedConfig = PackedFault.ToAny() };
        yield return new HttpFilter { Name = "envoy.filters.http.cors", TypedConfig = PackedCors.ToAny() };
        yield return UpstreamPeerMetadata();
        yield return HttpStats();
    }

    /// <summary>The router, last on every HCM (<c>start_child_span: false</c>, the proto default).</summary>
    public static HttpFilter Router() => new() { Name = "envoy.filters.http.router", TypedConfig = PackedRouter.ToAny() };

    /// <summary>A TCP proxy to <paramref name="cluster"/>, named after it.</summary>
    public static Filter TcpProxy(string statPrefix, string cluster, Action<TcpProxy>? configure = null)
    {
        var proxy = new TcpProxy { StatPrefix = statPrefix, Cluster = cluster };
        configure?.Invoke(proxy);
        return new Filter { Name = TcpProxyName, TypedConfig = Any.Pack(proxy) };
    }

    /// <summary>An HCM network filter.</summary>
    public static Filter Manager(HttpConnectionManager manager) => new() { Name = HttpConnectionManagerName, TypedConfig = Any.Pack(manager) };

    private static Struct WorkloadDiscovery() => new() { Fields = { ["workload_discovery"] = Value.ForStruct(new Struct()) } };

    private static HttpFilter Typed(string name, string typeUrl, Struct value)
        => new() { Name = name, TypedConfig = Any.Pack(new TypedStruct { TypeUrl = typeUrl, Value = value }) };

    private static FilterStateValue State(string key, string format, string? factory)
    {
        var state = new FilterStateValue
        {
            ObjectKey = key,
            FormatString = new SubstitutionFormatString { TextFormatSource = new DataSource { InlineString = format } },
            SharedWithUpstream = FilterStateValue.Types.SharedWithUpstream.Once,
        };
        if (factory is not null)
        {
            state.FactoryKey = factory;
        }

        return state;
    }
}
