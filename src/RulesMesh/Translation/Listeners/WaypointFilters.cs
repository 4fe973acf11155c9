using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Common.SetFilterState.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Envoy.Extensions.Filters.Listener.ProxyProtocol.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf.WellKnownTypes;
using SetFilterStateConfig = Envoy.Extensions.Filters.Network.SetFilterState.V3.Config;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// The Envoy pieces of a kgateway waypoint listener (docs/spec/kgateway-waypoint.md §5.1, §5.2): the PROXY-protocol "sandwich" filters that carry
/// ztunnel's peer identity into filter state, and the per-chain HTTP connection manager and TCP proxy.
/// </summary>
public static class WaypointFilters
{
    /// <summary>The waypoint listener's name.</summary>
    public const string ListenerName = "proxy_protocol_inbound";

    /// <summary>The PROXY-protocol listener filter.</summary>
    public const string ProxyProtocolListenerFilterName = "envoy.filters.listener.proxy_protocol";

    /// <summary>The TLV ztunnel puts the peer's identity in (0xD0).</summary>
    public const uint PeerPrincipalTlv = 208;

    /// <summary>The dynamic metadata key the PROXY-protocol filter writes the peer identity to.</summary>
    public const string PeerPrincipalMetadataKey = "peer_principal";

    /// <summary>The network filter that copies the peer identity into filter state.</summary>
    public const string ProxyProtocolAuthorityFilterName = "proxy_protocol_authority";

    /// <summary>The filter state key RBAC principals are matched against (Istio's <c>UseFilterState</c>).</summary>
    public const string PeerPrincipalFilterStateKey = "io.istio.peer_principal";

    /// <summary>The HTTP connection manager network filter.</summary>
    public const string HttpConnectionManagerFilterName = "envoy.filters.network.http_connection_manager";

    /// <summary>The router HTTP filter, always last.</summary>
    public const string RouterFilterName = "envoy.filters.http.router";

    /// <summary>The TCP proxy network filter.</summary>
    public const string TcpProxyFilterName = "envoy.filters.network.tcp_proxy";

    // Every chain carries these two configurations unchanged: serialised once (packing serialises), each chain gets
    // its own Any around the shared immutable bytes.
    private static readonly PackedConfig PackedRouter = PackedConfig.Of(new Router());
    private static readonly PackedType HttpConnectionManagerType = new(Envoy.Extensions.Filters.Network.HttpConnectionManager.V3.HttpConnectionManager.Descriptor);

    // Every chain's manager is the same but for its route configuration name and its filters: written straight to
    // bytes around the parts serialised once, rather than built as a message to serialise.
    private static readonly PackedManager ManagerWriter = new(PackedRouter, HttpConnectionManagerType);

    // Every TCP chain's proxy differs only in its stat prefix and cluster: written straight to bytes.
    private static readonly PackedTcpProxy TcpProxyWriter = new(new PackedType(Envoy.Extensions.Filters.Network.TcpProxy.V3.TcpProxy.Descriptor));

    private static readonly PackedConfig PackedProxyProtocolAuthority = PackedConfig.Of(new SetFilterStateConfig
    {
        OnNewConnection =
        {
            new FilterStateValue
            {
                ObjectKey = PeerPrincipalFilterStateKey,
                FactoryKey = "envoy.string",
                FormatString = new SubstitutionFormatString
                {
                    TextFormatSource = new DataSource
                    {
                        InlineString = $"%DYNAMIC_METADATA({ProxyProtocolListenerFilterName}:{PeerPrincipalMetadataKey})%",
                    },
                },
                SharedWithUpstream = FilterStateValue.Types.SharedWithUpstream.Once,
            },
        },
    });

    /// <summary>
    /// <c>envoy.filters.listener.proxy_protocol</c> with the rule TLV 208 → metadata key <c>peer_principal</c>.
    /// </summary>
    public static ListenerFilter ProxyProtocolListenerFilter() => new()
    {
        Name = ProxyProtocolListenerFilterName,
        TypedConfig = Any.Pack(new ProxyProtocol
        {
            Rules =
            {
                new ProxyProtocol.Types.Rule
                {
                    TlvType = PeerPrincipalTlv,
                    OnTlvPresent = new ProxyProtocol.Types.KeyValuePair { Key = PeerPrincipalMetadataKey },
                },
            },
        }),
    };

    /// <summary>
    /// <c>proxy_protocol_authority</c>: a set_filter_state filter writing the PROXY-protocol peer principal to
    /// filter state <c>io.istio.peer_principal</c> (<c>envoy.string</c>, shared with upstream once). First on every chain.
    /// </summary>
    public static Filter ProxyProtocolAuthority() => new()
    {
        Name = ProxyProtocolAuthorityFilterName,
        TypedConfig = PackedProxyProtocolAuthority.ToAny(),
    };

    /// <summary>
    /// The HTTP connection manager of an HTTP chain: stat prefix <c>http</c>, remote address used, paths normalized and
    /// slashes merged, routes over ADS-backed RDS named <paramref name="routeConfigName"/>, and
    /// <paramref name="httpFilters"/> before the router (packed as they are, so the filter keeps no reference to them).
    /// </summary>
    public static Filter HttpConnectionManager(string routeConfigName, IEnumerable<HttpFilter> httpFilters)
        => new() { Name = HttpConnectionManagerFilterName, TypedConfig = ManagerWriter.Pack(routeConfigName, httpFilters as IReadOnlyList<HttpFilter> ?? [.. httpFilters]) };
    /// <summary><c>envoy.filters.network.tcp_proxy</c> to <paramref name="cluster"/>, with the chain's name as stat prefix.</summary>
    public static Filter TcpProxy(string statPrefix, string cluster) => new()
    {
        Name = TcpProxyFilterName,
        TypedConfig = TcpProxyWriter.Pack(statPrefix, cluster),
    };
}
