using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Envoy.Extensions.Filters.Network.TcpProxy.V3;
using RulesMesh.Translation.Output;
using Xds.Type.Matcher.V3;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>Translates YAML with the istio profile and reads the waypoint's listeners, chains and matcher.</summary>
internal static class IstioWaypointHarness
{
    /// <summary>Namespace <c>shop</c> (ambient) and its ready waypoint <c>waypoint</c> (HBONE 15008, status address 10.0.0.9).</summary>
    public const string Waypoint = """
        apiVersion: v1
        kind: Namespace
        metadata: { name: shop, labels: { istio.io/dataplane-mode: ambient } }
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: shop }
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
        status:
          addresses: [{ type: IPAddress, value: 10.0.0.9 }]
        ---

        """;

    /// <summary>A Service in <c>shop</c> bound to the waypoint.</summary>
    public static string Service(string name, string clusterIp, string ports, string created = "2026-01-01T00:00:01Z") => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: {{name}}, namespace: shop, labels: { istio.io/use-waypoint: waypoint }, creationTimestamp: "{{created}}" }
        spec:
          clusterIP: {{clusterIp}}
          ports: {{ports}}
        ---

        """;

    /// <summary>Translates with the istio profile.</summary>
    public static XdsSnapshot TranslateIstio(string yaml) => Translate(yaml, "istio");

    /// <summary>The listener named <paramref name="name"/>.</summary>
    public static Listener Listener(XdsSnapshot snapshot, string name)
        => snapshot.Listeners.SingleOrDefault(l => l.Name == name)
            ?? throw new Xunit.Sdk.XunitException($"No listener '{name}'; there are: {string.Join(", ", snapshot.Listeners.Select(static l => l.Name))}");

    /// <summary>The names of <c>main_internal</c>'s chains, in order.</summary>
    public static IReadOnlyList<string> ChainNames(XdsSnapshot snapshot) => [.. Listener(snapshot, "main_internal").FilterChains.Select(static c => c.Name)];

    /// <summary>The chain of <c>main_internal</c> named <paramref name="name"/>.</summary>
    public static FilterChain Chain(XdsSnapshot snapshot, string name)
        => Listener(snapshot, "main_internal").FilterChains.SingleOrDefault(c => c.Name == name)
            ?? throw new Xunit.Sdk.XunitException($"No chain '{name}'; there are: {string.Join(", ", ChainNames(snapshot))}");

    /// <summary>The HCM of an HTTP chain.</summary>
    public static HttpConnectionManager Manager(FilterChain chain)
        => chain.Filters.Single(static f => f.Name == "envoy.filters.network.http_connection_manager").TypedConfig.Unpack<HttpConnectionManager>();

    /// <summary>The inline route configuration of an HTTP chain.</summary>
    public static RouteConfiguration RouteConfig(XdsSnapshot snapshot, string chain) => Manager(Chain(snapshot, chain)).RouteConfig;

    /// <summary>The tcp_proxy of a TCP chain.</summary>
    public static TcpProxy TcpProxy(FilterChain chain)
        => chain.Filters.Single(static f => f.Name == "envoy.filters.network.tcp_proxy").TypedConfig.Unpack<TcpProxy>();

    /// <summary>The IP ranges and, for each, the port → action (chain name, or <c>sniff(http,tcp)</c>) of <c>main_internal</c>'s matcher.</summary>
    public static IReadOnlyList<string> MatcherLines(XdsSnapshot snapshot)
    {
        var ips = Listener(snapshot, "main_internal").FilterChainMatcher.MatcherTree.CustomMatch.TypedConfig.Unpack<IPMatcher>();
        var lines = new List<string>();
        foreach (var range in ips.RangeMatchers)
        {
            var cidrs = string.Join(",", range.Ranges.Select(static r => $"{r.AddressPrefix}/{r.PrefixLen}"));
            if (range.OnMatch.Matcher.MatcherTree.Input.Name == "application-protocol")
            {
                lines.Add($"{cidrs} → {Sniffed(range.OnMatch.Matcher)}");
                continue;
            }

            foreach (var (port, onMatch) in range.OnMatch.Matcher.MatcherTree.ExactMatchMap.Map.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                lines.Add($"{cidrs} → {port} → {(onMatch.Action is { } action ? action.Name : Sniffed(onMatch.Matcher))}");
            }
        }

        return lines;
    }

    private static string Sniffed(Matcher matcher)
    {
        var map = matcher.MatcherTree.ExactMatchMap.Map;
        return $"sniff('h2c':{map["'h2c'"].Action.Name}, 'http/1.1':{map["'http/1.1'"].Action.Name}, else:{matcher.OnNoMatch.Action.Name})";
    }
}
