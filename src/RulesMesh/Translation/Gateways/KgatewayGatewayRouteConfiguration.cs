using System.Globalization;
using Envoy.Config.Route.V3;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Gateways;

/// <summary>
/// kgateway's route configuration of an ordinary Gateway's HTTP port: <c>listener~&lt;port&gt;</c> with
/// <c>ignorePortInHostMatching</c>, one virtual host per hostname that routes attached to the port's listeners serve
/// (<c>*</c> for routes that serve every host), named <c>listener~&lt;port&gt;~&lt;hostname&gt;</c> with '.' replaced by
/// '_', with <c>domains: [hostname]</c>; virtual hosts sorted by name. A port with no routes still gets its (empty)
/// route configuration.
/// </summary>
/// <remarks>
/// Each route is translated by the route rules stage (one Envoy route per rule and match, named
/// <c>&lt;vhost&gt;-route-&lt;i&gt;-httproute-&lt;route&gt;-&lt;ns&gt;-&lt;rule&gt;-&lt;match&gt;-matcher-0</c>), then the virtual
/// host's routes are ordered by Gateway API precedence (<see cref="VirtualHostRoute.Precedence"/>) and <c>i</c> numbers
/// them in that order: first the route whose matching hostname has the most characters, a name before a <c>*.</c>
/// wildcard (a route without hostnames matches by its listener's); then, for HTTPRoutes, an exact path, a regex, a
/// prefix; a longer path; a method match; more header matches; more query matches; for GRPCRoutes, a longer service,
/// a longer method, more header matches; then the older route, then by namespace and name, then rule and match order.
/// A route served on one hostname through two listeners is added once.
/// </remarks>
[Rule("kgateway.gateways.virtual-hosts", Order = 410,
    Description = "An ordinary Gateway's HTTP port gets the route configuration listener~<port> with one virtual host per hostname its routes serve, the routes ordered by Gateway API precedence.")]
public sealed class KgatewayGatewayRouteConfiguration : IGatewayRouteConfigurationRule
{
    /// <inheritdoc />
    public RouteConfiguration? GatewayRouteConfiguration(GatewayPortRequest request, TranslationContext context)
    {
        var configuration = new RouteConfiguration { Name = GatewayNames.Listener(request.Port), IgnorePortInHostMatching = true };
        var byHost = new Dictionary<string, List<(AttachedRoute Route, string? Hostname)>>(StringComparer.Ordinal);
        foreach (var attached in request.Routes)
        {
            IReadOnlyList<string> hosts = attached.Hostnames.Count == 0 ? [GatewayNames.AnyHost] : attached.Hostnames;
            foreach (var host in hosts)
            {
                if (!byHost.TryGetValue(host, out var routes))
                {
                    routes = [];
                    byHost[host] = routes;
                }

                var hostname = MatchingHostname(attached, host);
                var index = routes.FindIndex(r => r.Route.Key == attached.Route.Key);
                if (index < 0)
                {
                    routes.Add((attached.Route, hostname));
                }
                else if (VirtualHostRoute.HostnameRank(hostname).CompareTo(VirtualHostRoute.HostnameRank(routes[index].Hostname)) > 0)
                {
                    // Served on this host through two listeners: it ranks by the hostname that matches best.
                    routes[index] = (attached.Route, hostname);
                }
            }
        }

        configuration.VirtualHosts.AddRange(byHost
            .Select(h => VirtualHost(request, h.Key, h.Value, context))
            .OrderBy(static v => v.Name, StringComparer.Ordinal));
        return configuration;
    }

    /// <summary>
    /// The hostname of <paramref name="attached"/>'s route (the listener's when it names none) that matches the virtual
    /// host <paramref name="host"/>: the host itself when named, else the longest <c>*.</c> wildcard covering it.
    /// </summary>
    private static string? MatchingHostname(ListenerRoute attached, string host)
    {
        var own = KgatewayListenerRoutes.RouteHostnames(attached.Route.Route);
        IReadOnlyList<string> hostnames = own.Count > 0 ? own : attached.Listener.Hostname is { } listener ? [listener] : [];
        return hostnames.Contains(host, StringComparer.Ordinal)
            ? host
            : hostnames
                .Where(h => h.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(h[1..], StringComparison.Ordinal))
                .MaxBy(static h => h.Length);
    }

    private static VirtualHost VirtualHost(GatewayPortRequest request, string hostname, IReadOnlyList<(AttachedRoute Route, string? Hostname)> routes, TranslationContext context)
    {
        var name = GatewayNames.VirtualHost(request.Port, hostname);
        var translated = new List<VirtualHostRoute>();
        foreach (var (attached, matching) in routes)
        {
            var rules = context.Pipeline.Stage<IRouteRulesRule>().RouteRules(new RouteRulesRequest(attached, translated.Count, name, request.Plan.Gateway, null) { ListenerPort = request.Port }, context);
            if (rules is null)
            {
                context.Warn(attached.Key, null, "no rule translates this route kind; it adds no routes");
                continue;
            }

            var (first, grpc) = (translated.Count, attached.Key.Kind == GRPCRoute.KubeKind);
            translated.AddRange(rules.Select((route, i) => new VirtualHostRoute(route, first + i, matching, grpc)));
        }

        var host = new VirtualHost { Name = name, Domains = { hostname } };
        var ordered = translated.Order(VirtualHostRoute.Precedence).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (route, index, _, _) = ordered[i];
            if (index != i)
            {
                route = route.Clone();
                route.Name = Renumbered(route.Name, name, index, i);
            }

            host.Routes.Add(route);
        }

        return host;
    }

    /// <summary><paramref name="routeName"/> with the route number <paramref name="from"/> after <paramref name="virtualHost"/> changed to <paramref name="to"/>.</summary>
    private static string Renumbered(string routeName, string virtualHost, int from, int to)
    {
        var prefix = virtualHost + "-route-" + from.ToString(CultureInfo.InvariantCulture) + "-";
        return routeName.StartsWith(prefix, StringComparison.Ordinal)
            ? virtualHost + "-route-" + to.ToString(CultureInfo.InvariantCulture) + "-" + routeName[prefix.Length..]
            : routeName;
    }
}
