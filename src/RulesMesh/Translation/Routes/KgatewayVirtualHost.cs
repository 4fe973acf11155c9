using Envoy.Config.Route.V3;
using RulesMesh.Mesh;
using RulesMesh.Naming;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway's virtual host of a waypoint HTTP chain (docs/spec/kgateway-waypoint.md §4, §5.2). A service with routes (the Gateway's first, then
/// its own) gets one virtual host shared by all its ports: <c>http_routes_&lt;name&gt;_&lt;ns&gt;</c>, <c>domains: ['*']</c>,
/// holding every attached route's Envoy routes in order, numbered across the virtual host. A service without routes gets
/// the port's default virtual host <c>vh_http_&lt;port&gt;_&lt;name&gt;_&lt;ns&gt;[_&lt;first host&gt;]</c> with one route,
/// prefix <c>/</c>, to the port's backend (a ServiceEntry's first host). Virtual host names are sanitized ('.' → '_');
/// route names start with the unsanitized name.
/// </summary>
[Rule("kgateway.routes.virtual-host", Order = 330,
    Description = "A service with attached routes gets one virtual host http_routes_<name>_<ns> for all its ports; otherwise each HTTP port gets a default virtual host sending everything to the port's backend.")]
public sealed class KgatewayVirtualHost : IVirtualHostRule
{
    /// <inheritdoc />
    public VirtualHost? ServiceVirtualHost(VirtualHostRequest request, TranslationContext context)
        => request.Routes.Count > 0 ? RoutesVirtualHost(request, context) : DefaultVirtualHost(request, context);

    private static VirtualHost RoutesVirtualHost(VirtualHostRequest request, TranslationContext context)
    {
        var name = WaypointNames.RoutesVirtualHost(request.Service);
        var host = new VirtualHost { Name = WaypointNames.SanitizeVirtualHost(name) };
        AnyDomain(host);
        foreach (var attached in request.Routes)
        {
            var rules = context.Pipeline.Stage<IRouteRulesRule>().RouteRules(new RouteRulesRequest(attached, host.Routes.Count, name, request.Waypoint, request.Service), context);
            if (rules is null)
            {
                context.Warn(attached.Key, null, "no rule translates this route kind; it adds no routes");
                continue;
            }

            host.Routes.Add(rules);
        }

        return host;
    }

    private static VirtualHost DefaultVirtualHost(VirtualHostRequest request, TranslationContext context)
    {
        var name = WaypointNames.DefaultVirtualHost(request.Service, request.Port);
        var host = new VirtualHost { Name = WaypointNames.SanitizeVirtualHost(name) };
        AnyDomain(host);
        host.Routes.Capacity = 1;
        host.Routes.Add(new Route
        {
            Name = WaypointNames.DefaultRoute(name),
            Match = new RouteMatch { Prefix = "/" },
            Route_ = new RouteAction
            {
                Cluster = DefaultCluster(request, context),
                ClusterNotFoundResponseCode = RouteAction.Types.ClusterNotFoundResponseCode.InternalServerError,
            },
        });
        return host;
    }

    /// <summary>
    /// <c>domains: ['*']</c>, in a list of one: every virtual host is kept to the end, and a protobuf list would start
    /// with room for 8.
    /// </summary>
    private static void AnyDomain(VirtualHost host)
    {
        host.Domains.Capacity = 1;
        host.Domains.Add("*");
    }

    /// <summary>
    /// kgateway's <c>svc.BackendObject(port)</c>: the port's backend, the first host's for a ServiceEntry. A port with no
    /// backend still gets the name its cluster would have, which Envoy answers 500 for, as it has no such cluster.
    /// </summary>
    private static string DefaultCluster(VirtualHostRequest request, TranslationContext context)
    {
        var service = request.Service;
        if (BackendIndex.For(context).ForServicePort(service.Key, request.Port.Port) is [var first, ..])
        {
            return first.ClusterName;
        }

        var host = service.Hostnames.Count > 0 ? service.Hostnames[0] : string.Empty;
        return context.Pipeline.Stage<IClusterNameRule>().ClusterName(new BackendTarget(service.Key, request.Port.Port, host), context.Rules) ?? KgatewayRouteTranslator.BlackholeCluster;
    }
}

