using System.Globalization;
using Envoy.Config.Route.V3;
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
/// host's routes are ordered by Gateway API precedence and <c>i</c> numbers them in that order: an exact path first,
/// then a regex, then a prefix; a longer path first; a method match first; more header matches first; more query
/// matches first; then the older route, then by namespace and name, then rule and match order. A route served on one
/// hostname through two listeners is added once.
/// </remarks>
[Rule("kgateway.gateways.virtual-hosts", Order = 410,
    Description = "An ordinary Gateway's HTTP port gets the route configuration listener~<port> with one virtual host per hostname its routes serve, the routes ordered by Gateway API precedence.")]
public sealed class KgatewayGatewayRouteConfiguration : IGatewayRouteConfigurationRule
{
    /// <inheritdoc />
    public RouteConfiguration? GatewayRouteConfiguration(GatewayPortRequest request, TranslationContext context)
    {
        var configuration = new RouteConfiguration { Name = GatewayNames.Listener(request.Port), IgnorePortInHostMatching = true };
        var byHost = new Dictionary<string, List<AttachedRoute>>(StringComparer.Ordinal);
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

                if (routes.All(r => r.Key != attached.Route.Key))
                {
                    routes.Add(attached.Route);
                }
            }
        }

        configuration.VirtualHosts.AddRange(byHost
            .Select(h => VirtualHost(request, h.Key, h.Value, context))
            .OrderBy(static v => v.Name, StringComparer.Ordinal));
        return configuration;
    }

    private static VirtualHost VirtualHost(GatewayPortRequest request, string hostname, IReadOnlyList<AttachedRoute> routes, TranslationContext context)
    {
        var name = GatewayNames.VirtualHost(request.Port, hostname);
        var translated = new List<Route>();
        foreach (var attached in routes)
        {
            var rules = context.Pipeline.Stage<IRouteRulesRule>().RouteRules(new RouteRulesRequest(attached, translated.Count, name, request.Plan.Gateway, null), context);
            if (rules is null)
            {
                context.Warn($"{attached.Key.Kind} {attached.Key.Namespace}/{attached.Key.Name}", "no rule translates this route kind; it adds no routes");
                continue;
            }

            translated.AddRange(rules);
        }

        var host = new VirtualHost { Name = name, Domains = { hostname } };
        var ordered = translated.Select(static (route, index) => (Route: route, Index: index)).Order(Precedence).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (route, index) = ordered[i];
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

    /// <summary>Gateway API precedence between two Envoy routes of a virtual host; ties keep their order (route age, name, rule, match).</summary>
    private static IComparer<(Route Route, int Index)> Precedence { get; } = Comparer<(Route Route, int Index)>.Create(static (a, b) =>
    {
        var (x, y) = (Key(a.Route.Match), Key(b.Route.Match));
        var order = x.PathKind.CompareTo(y.PathKind);
        if (order == 0)
        {
            order = y.PathLength.CompareTo(x.PathLength);
        }

        if (order == 0)
        {
            order = y.Method.CompareTo(x.Method);
        }

        if (order == 0)
        {
            order = y.Headers.CompareTo(x.Headers);
        }

        if (order == 0)
        {
            order = y.Queries.CompareTo(x.Queries);
        }

        return order != 0 ? order : a.Index.CompareTo(b.Index);
    });

    private static (int PathKind, int PathLength, bool Method, int Headers, int Queries) Key(RouteMatch? match)
    {
        if (match is null)
        {
            return (3, 0, false, 0, 0);
        }

        var (kind, length) = match.PathSpecifierCase switch
        {
            RouteMatch.PathSpecifierOneofCase.Path => (0, match.Path.Length),
            RouteMatch.PathSpecifierOneofCase.SafeRegex => (1, match.SafeRegex.Regex.Length),
            RouteMatch.PathSpecifierOneofCase.Prefix => (2, match.Prefix.Length),
            RouteMatch.PathSpecifierOneofCase.PathSeparatedPrefix => (2, match.PathSeparatedPrefix.Length),
            _ => (3, 0),
        };
        var method = match.Headers.Any(static h => h.Name == ":method");
        return (kind, length, method, match.Headers.Count(static h => h.Name != ":method"), match.QueryParameters.Count);
    }
}
