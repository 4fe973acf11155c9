using System.Globalization;
using System.Net;
using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Listener.HttpInspector.V3;
using Envoy.Extensions.Filters.Listener.OriginalDst.V3;
using Envoy.Extensions.Filters.Listener.TlsInspector.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using Envoy.Extensions.Matching.CommonInputs.Network.V3;
using Envoy.Type.V3;
using Google.Protobuf.WellKnownTypes;
using Xds.Type.Matcher.V3;
using XdsCidrRange = Xds.Core.V3.CidrRange;
using XdsExtension = Xds.Core.V3.TypedExtensionConfig;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// A waypoint's three listeners as istiod builds them (docs/spec/istio-waypoint-output.md §2): <c>connect_terminate</c>
/// takes HBONE on 15008 and hands each CONNECT stream to the internal listener <c>main_internal</c>, which picks a
/// service chain by destination IP, then port (then sniffed protocol); upstream traffic leaves through the internal
/// listener <c>connect_originate</c>, which tunnels it to the endpoint's HBONE port.
/// </summary>
internal static class IstioWaypointListeners
{
    private const string OriginalDstFilter = "envoy.filters.listener.original_dst";

    /// <summary><c>connect_terminate</c> (§2.1).</summary>
    public static Listener ConnectTerminate()
    {
        var manager = new HttpConnectionManager
        {
            StatPrefix = IstioWaypointNames.ConnectTerminate,
            RouteConfig = new RouteConfiguration
            {
                Name = "default",
                VirtualHosts =
                {
                    new VirtualHost
                    {
                        Name = "default",
                        Domains = { "*" },
                        Routes =
                        {
                            new Route
                            {
                                Match = new RouteMatch { ConnectMatcher = new RouteMatch.Types.ConnectMatcher() },
                                Route_ = new RouteAction
                                {
                                    Cluster = IstioWaypointNames.MainInternal,
                                    UpgradeConfigs = { new RouteAction.Types.UpgradeConfig { UpgradeType = "CONNECT", ConnectConfig = new RouteAction.Types.UpgradeConfig.Types.ConnectConfig() } },
                                },
                            },
                        },
                    },
                },
            },
            UpgradeConfigs = { new HttpConnectionManager.Types.UpgradeConfig { UpgradeType = "CONNECT" } },
            Http2ProtocolOptions = new Http2ProtocolOptions
            {
                AllowConnect = true,
                MaxConcurrentStreams = 100,
                ConnectionKeepalive = new KeepaliveSettings { Interval = Duration.FromTimeSpan(TimeSpan.FromSeconds(10)), Timeout = Duration.FromTimeSpan(TimeSpan.FromSeconds(20)) },
            },
            StreamIdleTimeout = new Duration(),
            UseRemoteAddress = false,
            ForwardClientCertDetails = HttpConnectionManager.Types.ForwardClientCertDetails.AppendForward,
            SetCurrentClientCertDetails = new HttpConnectionManager.Types.SetCurrentClientCertDetails { Subject = true, Uri = true, Dns = true },
            ServerName = "istio-envoy",
            ServerHeaderTransformation = HttpConnectionManager.Types.ServerHeaderTransformation.Overwrite,
            HttpFilters = { IstioWaypointFilters.DownstreamPeerMetadata(), IstioWaypointFilters.ConnectAuthority(), IstioWaypointFilters.Router() },
        };
        return new Listener
        {
            Name = IstioWaypointNames.ConnectTerminate,
            Address = new Address { SocketAddress = new Envoy.Config.Core.V3.SocketAddress { Address = "0.0.0.0", PortValue = IstioWaypointNames.HbonePort } },
            ConnectionBalanceConfig = new Listener.Types.ConnectionBalanceConfig { ExactBalance = new Listener.Types.ConnectionBalanceConfig.Types.ExactBalance() },
            FilterChains =
            {
                new FilterChain
                {
                    Name = "default",
                    TransportSocket = IstioWaypointTls.Downstream(),
                    Filters = { IstioWaypointFilters.Manager(manager) },
                },
            },
        };
    }

    /// <summary>
    /// <c>main_internal</c> (§2.2): listener filters, the chains in service then port order followed by the direct
    /// chains, and the destination IP → port → chain matcher. <paramref name="workloadIps"/> are the bound workloads'.
    /// </summary>
    public static Listener MainInternal(IReadOnlyList<IstioOwnedService> services, IReadOnlyList<FilterChain> chains, IReadOnlyList<string> workloadIps)
    {
        var listener = new Listener
        {
            Name = IstioWaypointNames.MainInternal,
            InternalListener = new Listener.Types.InternalListenerConfig(),
            TrafficDirection = TrafficDirection.Inbound,
            ListenerFilters = { new ListenerFilter { Name = OriginalDstFilter, TypedConfig = Any.Pack(new OriginalDst()) } },
            FilterChainMatcher = Matcher(services, workloadIps),
        };

        var ports = services.SelectMany(static s => s.Ports).GroupBy(static p => p.Number).OrderBy(static g => g.Key).ToList();
        var httpInspector = new ListenerFilter { Name = "envoy.filters.listener.http_inspector", TypedConfig = Any.Pack(new HttpInspector()) };
        if (workloadIps.Count == 0 && Disabled(ports.Where(static g => !Sniffed(g)).Select(static g => g.Key).ToList()) is { } notSniffed)
        {
            httpInspector.FilterDisabled = notSniffed;
        }

        listener.ListenerFilters.Add(httpInspector);
        if (ports.Exists(static g => g.Any(static p => p.Protocol.IsTls)))
        {
            var tlsInspector = new ListenerFilter { Name = "envoy.filters.listener.tls_inspector", TypedConfig = Any.Pack(new TlsInspector { InitialReadBufferSize = 512 }) };
            if (Disabled(ports.Where(static g => g.All(static p => !p.Protocol.IsTls)).Select(static g => g.Key).ToList()) is { } notTls)
            {
                tlsInspector.FilterDisabled = notTls;
            }

            listener.ListenerFilters.Add(tlsInspector);
        }

        listener.FilterChains.AddRange(chains);
        return listener;
    }

    /// <summary><c>connect_originate</c> (§2.3): CONNECT to the original destination, which the endpoint's metadata set.</summary>
    public static Listener ConnectOriginate() => new()
    {
        Name = IstioWaypointNames.ConnectOriginate,
        InternalListener = new Listener.Types.InternalListenerConfig(),
        UseOriginalDst = false,
        ListenerFilters = { new ListenerFilter { Name = OriginalDstFilter, TypedConfig = Any.Pack(new OriginalDst()) } },
        FilterChains =
        {
            new FilterChain
            {
                Filters =
                {
                    IstioWaypointFilters.TcpProxy(IstioWaypointNames.ConnectOriginate, IstioWaypointNames.ConnectOriginate, static proxy =>
                        proxy.TunnelingConfig = new TcpProxy.Types.TunnelingConfig { Hostname = "%DOWNSTREAM_LOCAL_ADDRESS%" }),
                },
            },
        },
    };

    /// <summary>A port is sniffed when any service leaves it Unsupported, or services disagree between HTTP and TCP on it.</summary>
    private static bool Sniffed(IGrouping<int, IstioPort> port)
        => port.Any(static p => p.Protocol.IsUnsupported) || (port.Any(static p => p.Protocol.IsHttp) && port.Any(static p => !p.Protocol.IsHttp));

    /// <summary>A <c>filter_disabled</c> predicate for <paramref name="ports"/>: one port range each, in an <c>or_match</c> when several.</summary>
    private static ListenerFilterChainMatchPredicate? Disabled(IReadOnlyList<int> ports)
    {
        var ranges = ports.Order().Select(static p => new ListenerFilterChainMatchPredicate { DestinationPortRange = new Int32Range { Start = p, End = p + 1 } }).ToList();
        if (ranges.Count <= 1)
        {
            return ranges.Count == 1 ? ranges[0] : null;
        }

        var any = new ListenerFilterChainMatchPredicate.Types.MatchSet();
        any.Rules.AddRange(ranges);
        return new ListenerFilterChainMatchPredicate { OrMatch = any };
    }

    private static Matcher Matcher(IReadOnlyList<IstioOwnedService> services, IReadOnlyList<string> workloadIps)
    {
        var ips = new IPMatcher();
        foreach (var service in services)
        {
            var ports = new Matcher.Types.MatcherTree.Types.MatchMap();
            foreach (var port in service.Ports)
            {
                var key = port.Number.ToString(CultureInfo.InvariantCulture);
                var tcp = IstioWaypointNames.InboundVip(port.Number, "tcp", null, service.Host);
                var http = IstioWaypointNames.InboundVip(port.Number, "http", null, service.Host);
                ports.Map[key] = port.Protocol.IsUnsupported ? Sniff(http, tcp) : Action(port.Protocol.IsHttp ? http : tcp);
            }

            ips.RangeMatchers.Add(new IPMatcher.Types.IPRangeMatcher
            {
                Ranges = { CidrRanges(service.Addresses.Count > 0 ? service.Addresses : ["0.0.0.0"]) },
                OnMatch = new Matcher.Types.OnMatch { Matcher = Tree("port", new DestinationPortInput(), ports) },
            });
        }

        if (workloadIps.Count > 0)
        {
            ips.RangeMatchers.Add(new IPMatcher.Types.IPRangeMatcher
            {
                Ranges = { CidrRanges(workloadIps) },
                OnMatch = Sniff(IstioWaypointNames.DirectHttp, IstioWaypointNames.DirectTcp),
            });
        }

        return new Matcher
        {
            MatcherTree = new Matcher.Types.MatcherTree
            {
                Input = new XdsExtension { Name = "ip", TypedConfig = Any.Pack(new DestinationIPInput()) },
                CustomMatch = new XdsExtension { Name = "ip", TypedConfig = Any.Pack(ips) },
            },
        };
    }

    /// <summary>The service's addresses, sorted and de-duplicated, each an IP's /32 or /128 or a CIDR's own prefix.</summary>
    private static IEnumerable<XdsCidrRange> CidrRanges(IEnumerable<string> addresses)
        => addresses
            .Select(Range)
            .OfType<XdsCidrRange>()
            .DistinctBy(static r => (r.AddressPrefix, r.PrefixLen))
            .OrderBy(static r => r.AddressPrefix, StringComparer.Ordinal)
            .ThenBy(static r => r.PrefixLen);

    private static XdsCidrRange? Range(string address)
    {
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        var ipText = slash < 0 ? address : address[..slash];
        if (!IPAddress.TryParse(ipText, out var ip))
        {
            return null;
        }

        var full = ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32u : 128u;
        var length = slash < 0 ? full : uint.TryParse(address[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var written) ? written : full;
        return new XdsCidrRange { AddressPrefix = ip.ToString(), PrefixLen = length };
    }

    /// <summary>For a sniffed port: <c>'h2c'</c> and <c>'http/1.1'</c> go to <paramref name="http"/>, anything else to <paramref name="tcp"/>.</summary>
    private static Matcher.Types.OnMatch Sniff(string http, string tcp)
    {
        var protocols = new Matcher.Types.MatcherTree.Types.MatchMap();
        protocols.Map["'h2c'"] = Action(http);
        protocols.Map["'http/1.1'"] = Action(http);
        var matcher = Tree("application-protocol", new ApplicationProtocolInput(), protocols);
        matcher.OnNoMatch = Action(tcp);
        return new Matcher.Types.OnMatch { Matcher = matcher };
    }

    private static Matcher Tree(string input, Google.Protobuf.IMessage config, Matcher.Types.MatcherTree.Types.MatchMap map) => new()
    {
        MatcherTree = new Matcher.Types.MatcherTree
        {
            Input = new XdsExtension { Name = input, TypedConfig = Any.Pack(config) },
            ExactMatchMap = map,
        },
    };

    private static Matcher.Types.OnMatch Action(string chain)
        => new() { Action = new XdsExtension { Name = chain, TypedConfig = Any.Pack(new StringValue { Value = chain }) } };
}
