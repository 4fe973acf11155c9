using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Envoy.Extensions.RequestId.Uuid.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Translation.Policy;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The filter chains of <c>main_internal</c> (docs/spec/istio-waypoint-output.md §2.2): one TCP and/or HTTP chain per owned service
/// port, named after the cluster it serves, and the <c>direct-tcp</c> / <c>direct-http</c> chains for workload-addressed
/// traffic. Chains carry no <c>filter_chain_match</c>; the listener's matcher picks them by name.
/// </summary>
internal static class IstioServiceChains
{
    /// <summary>
    /// A TCP chain: metadata exchange, <paramref name="authorization"/> (network RBAC), stats, then <c>tcp_proxy</c> to the
    /// chain's own cluster, with <paramref name="policy"/>'s idle timeout, connection duration and source-IP hashing.
    /// A TLSRoute or TCPRoute that applies (<paramref name="routed"/>, §4.4) replaces the cluster: one target is the
    /// <c>cluster</c>, several are <c>weighted_clusters</c>; the stat prefix stays the chain's name.
    /// </summary>
    public static FilterChain Tcp(string name, IEnumerable<Filter> authorization, IstioTrafficPolicy policy, IReadOnlyList<TcpProxy.Types.WeightedCluster.Types.ClusterWeight>? routed, TranslationContext context)
    {
        var chain = new FilterChain { Name = name, Filters = { IstioWaypointFilters.MetadataExchange() } };
        chain.Filters.AddRange(authorization.Select(static f => f.Clone()));
        chain.Filters.Add(IstioWaypointFilters.TcpStats());
        chain.Filters.Add(IstioWaypointFilters.TcpProxy(name, name, proxy =>
        {
            FromDestinationRule(proxy, policy, context);
            Route(proxy, routed);
        }));
        return chain;
    }

    private static void Route(TcpProxy proxy, IReadOnlyList<TcpProxy.Types.WeightedCluster.Types.ClusterWeight>? routed)
    {
        if (routed is [var single])
        {
            proxy.Cluster = single.Name;
        }
        else if (routed is { Count: > 1 })
        {
            proxy.WeightedClusters = new TcpProxy.Types.WeightedCluster { Clusters = { routed } };
        }
    }

    /// <summary>
    /// The DestinationRule's say on a service's <c>tcp_proxy</c> (docs/spec/istio-waypoint-output.md §2.2):
    /// <c>connectionPool.tcp.idleTimeout</c> as <c>idle_timeout</c>, <c>maxConnectionDuration</c> as
    /// <c>max_downstream_connection_duration</c>, and <c>consistentHash.useSourceIp</c> as a source-IP hash policy.
    /// Without an idle timeout istiod reads the proxy's <c>IDLE_TIMEOUT</c> metadata, which is not part of the input.
    /// </summary>
    private static void FromDestinationRule(TcpProxy proxy, IstioTrafficPolicy policy, TranslationContext context)
    {
        if (policy.ConnectionPool?.Tcp is { } tcp)
        {
            if (Duration(tcp.IdleTimeout, "connectionPool.tcp.idleTimeout", policy.ConnectionPoolOrigin, proxy.Cluster, context) is { } idle)
            {
                proxy.IdleTimeout = idle;
            }

            if (Duration(tcp.MaxConnectionDuration, "connectionPool.tcp.maxConnectionDuration", policy.ConnectionPoolOrigin, proxy.Cluster, context) is { } lifetime)
            {
                proxy.MaxDownstreamConnectionDuration = lifetime;
            }
        }

        if (policy.LoadBalancer?.ConsistentHash?.UseSourceIp == true)
        {
            proxy.HashPolicy.Add(new Envoy.Type.V3.HashPolicy { SourceIp = new Envoy.Type.V3.HashPolicy.Types.SourceIp() });
        }
    }

    /// <summary>
    /// A DestinationRule duration of <paramref name="cluster"/>, or null (with a warning when it does not parse, at
    /// <paramref name="field"/> of the traffic policy <paramref name="origin"/> it was written in).
    /// </summary>
    internal static Duration? Duration(string? text, string field, SettingOrigin? origin, string cluster, TranslationContext context)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parsed = Policy.GoDuration.Parse(text);
        if (parsed is null)
        {
            var path = PolicyField(origin, field);
            context.Warn(new TranslationWarning($"DestinationRule for {cluster}", $"{path} '{text}' is not a duration; it is ignored") { Resource = origin?.Resource, FieldPath = origin is null ? null : path });
        }

        return parsed;
    }

    /// <summary>The path of <paramref name="field"/> of the traffic policy at <paramref name="origin"/>; the field alone when it is not known.</summary>
    internal static string PolicyField(SettingOrigin? origin, string field) => origin is { } policy ? policy.Field(field) : field;

    /// <summary>
    /// An HTTP chain: one HCM with <paramref name="routes"/> inline, <paramref name="authorization"/> (HTTP RBAC) first, then
    /// Istio's fixed filters (with <c>grpc_web</c> on a GRPC-Web port) and the router. For a DYNAMIC_DNS host
    /// (<paramref name="dynamicDnsHost"/>) the dynamic forward proxy filter follows <c>cors</c> (§2.2, HTTP filter 9).
    /// </summary>
    public static FilterChain Http(string name, int port, bool http2, RouteConfiguration routes, IEnumerable<HttpFilter> authorization, bool grpcWeb, string? dynamicDnsHost = null)
    {
        var manager = Manager(IstioWaypointNames.HttpStatPrefix(port), routes);
        if (http2)
        {
            manager.Http2ProtocolOptions = new Http2ProtocolOptions();
        }

        manager.HttpFilters.AddRange(authorization.Select(static f => f.Clone()));
        foreach (var filter in IstioWaypointFilters.HttpChainFilters(grpcWeb))
        {
            manager.HttpFilters.Add(filter);
            if (dynamicDnsHost is not null && filter.Name == "envoy.filters.http.cors")
            {
                manager.HttpFilters.Add(IstioDynamicForwardProxy.Filter(dynamicDnsHost));
            }
        }

        manager.HttpFilters.Add(IstioWaypointFilters.Router());
        return new FilterChain { Name = name, Filters = { IstioWaypointFilters.Manager(manager) } };
    }

    /// <summary>
    /// <c>direct-tcp</c>: keeps the original destination, then the TCP stack to <c>encap</c>, with <paramref name="authorization"/>
    /// (the waypoint's and its class's network RBAC) after metadata exchange.
    /// </summary>
    public static FilterChain DirectTcp(IEnumerable<Filter> authorization)
    {
        var chain = new FilterChain
        {
            Name = IstioWaypointNames.DirectTcp,
            Filters = { IstioWaypointFilters.DirectConnectAuthority(), IstioWaypointFilters.MetadataExchange() },
        };
        chain.Filters.AddRange(authorization.Select(static f => f.Clone()));
        chain.Filters.Add(IstioWaypointFilters.TcpStats());
        chain.Filters.Add(IstioWaypointFilters.TcpProxy(IstioWaypointNames.Encap, IstioWaypointNames.Encap));
        return chain;
    }

    /// <summary>
    /// <c>direct-http</c>: keeps the original destination, then an HCM with <paramref name="authorization"/> (the waypoint's
    /// and its class's HTTP RBAC) whose one route sends everything to <c>encap</c>; no HTTPRoute applies.
    /// </summary>
    public static FilterChain DirectHttp(IEnumerable<HttpFilter> authorization)
    {
        var routes = new RouteConfiguration
        {
            Name = IstioWaypointNames.Encap,
            ValidateClusters = false,
            // istiod builds it as the default-route configuration of no service (port 0), with that builder's limit.
            MaxDirectResponseBodySizeBytes = IstioRouteConfigurations.DefaultMaxDirectResponseBodySizeBytes,
            VirtualHosts =
            {
                new VirtualHost
                {
                    Name = IstioWaypointNames.InboundVirtualHost(0),
                    Domains = { "*" },
                    Routes = { IstioRouteConfigurations.DefaultRoute(IstioWaypointNames.Encap, IstioRouteConfigurations.DirectOperation) },
                },
            },
        };
        var manager = Manager(IstioWaypointNames.HttpStatPrefix(0), routes);
        manager.HttpFilters.AddRange(authorization.Select(static f => f.Clone()));
        manager.HttpFilters.AddRange(IstioWaypointFilters.HttpChainFilters(grpcWeb: false));
        manager.HttpFilters.Add(IstioWaypointFilters.Router());
        return new FilterChain
        {
            Name = IstioWaypointNames.DirectHttp,
            Filters = { IstioWaypointFilters.DirectConnectAuthority(), IstioWaypointFilters.Manager(manager) },
        };
    }

    private static HttpConnectionManager Manager(string statPrefix, RouteConfiguration routes) => new()
    {
        CodecType = HttpConnectionManager.Types.CodecType.Auto,
        StatPrefix = statPrefix,
        RouteConfig = routes,
        UseRemoteAddress = false,
        UpgradeConfigs = { new HttpConnectionManager.Types.UpgradeConfig { UpgradeType = "websocket" } },
        StreamIdleTimeout = new Duration(),
        NormalizePath = true,
        PathWithEscapedSlashesAction = HttpConnectionManager.Types.PathWithEscapedSlashesAction.KeepUnchanged,
        ServerName = "istio-envoy",
        RequestIdExtension = new RequestIDExtension { TypedConfig = Any.Pack(new UuidRequestIdConfig()) },
    };
}
