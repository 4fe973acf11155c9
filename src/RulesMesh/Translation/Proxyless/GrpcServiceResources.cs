using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Policy;
using RulesMesh.Translation.Routes;
using EnvoyRoute = Envoy.Config.Route.V3.Route;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// A service for proxyless gRPC clients (docs/proxyless.md), from the same stages a waypoint's configuration comes
/// from: per backend (host and port) an API listener and a route configuration named <c>&lt;host&gt;:&lt;port&gt;</c>
/// with one virtual host for that authority, holding the routes the service's attached HTTPRoutes and GRPCRoutes
/// translate to (route rules, then <see cref="IProxylessRouteRule"/>) and last a default route to the backend's own
/// cluster; the backend's cluster from the cluster, endpoints and backend policy rules (so DestinationRule failover and
/// traffic distribution give the endpoints' priorities relative to the client), made acceptable to gRPC by
/// <see cref="IProxylessClusterRule"/>. A host and port whose own cluster gRPC cannot use gets nothing.
/// </summary>
[Rule("proxyless.service",
    Description = "Each host and port of a visible service gets an API listener and route configuration <host>:<port> (attached HTTPRoutes/GRPCRoutes, then a default route) and its EDS cluster with endpoints prioritized for the client.")]
public sealed class GrpcServiceResources : IProxylessServiceRule
{
    /// <inheritdoc />
    public ProxylessService? ProxylessService(MeshService service, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(context);
        var pipeline = context.Pipeline;
        var visibility = pipeline.Stage<IProxylessVisibilityRule>().Visibility(service, context) ?? ProxylessVisibility.Everywhere;
        if (visibility.IsNowhere)
        {
            return Proxyless.ProxylessService.None;
        }

        var attached = pipeline.Stage<IServiceRoutesRule>().ServiceRoutes(service, context) ?? [];
        var index = BackendIndex.For(context);
        var listeners = new List<Listener>();
        var routes = new List<RouteConfiguration>();
        var clusters = new Dictionary<string, (Cluster Cluster, ClusterLoadAssignment Endpoints)?>(StringComparer.Ordinal);
        foreach (var port in service.Ports)
        {
            foreach (var backend in index.ForServicePort(service.Key, port.Port))
            {
                if (!clusters.TryGetValue(backend.ClusterName, out var cluster))
                {
                    cluster = Cluster(backend, context);
                    clusters[backend.ClusterName] = cluster;
                }

                if (cluster is null)
                {
                    continue;
                }

                var name = ProxylessNames.Listener(backend.Host, port.Port);
                listeners.Add(ProxylessListener.Of(name, name));
                routes.Add(new RouteConfiguration { Name = name, VirtualHosts = { VirtualHost(service, backend, port, name, attached, context) } });
            }
        }

        return new ProxylessService(visibility, listeners, routes, [.. clusters.Values.OfType<(Cluster, ClusterLoadAssignment)>()]);
    }

    /// <summary>The backend's cluster and endpoints through the backends and policy stages, then as gRPC accepts them; null when it has none gRPC can use.</summary>
    private static (Cluster, ClusterLoadAssignment)? Cluster(BackendObject backend, TranslationContext context)
    {
        var pipeline = context.Pipeline;
        if (pipeline.Stage<IClusterRule>().BuildCluster(backend, context) is not { } built)
        {
            return null;
        }

        var cluster = built.Cluster;
        var eds = cluster.Type == Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Eds ? pipeline.Stage<IEndpointsRule>().BuildEndpoints(backend, context) : null;
        if (!BackendPolicies.Apply(backend, cluster, eds ?? built.InlineEndpoints ?? (cluster.LoadAssignment is { } inline ? new BackendEndpoints(inline) : null), pipeline, context))
        {
            return null;
        }

        var request = new ProxylessClusterRequest(backend, cluster, cluster.Type == Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Eds ? eds?.Assignment : null);
        return pipeline.Stage<IProxylessClusterRule>().ProxylessCluster(request, context) is { Cluster: { } kept, Endpoints: { } endpoints } ? (kept, endpoints) : null;
    }

    /// <summary>The one virtual host of <paramref name="name"/>: the attached routes' Envoy routes as gRPC takes them, then the default route.</summary>
    private static VirtualHost VirtualHost(MeshService service, BackendObject backend, ServicePort port, string name, IReadOnlyList<AttachedRoute> attached, TranslationContext context)
    {
        var pipeline = context.Pipeline;
        var host = new VirtualHost { Name = name };
        host.Domains.Add(ProxylessNames.Domains(service, backend.Host, port.Port, context.Settings.ClusterDomain));
        foreach (var route in attached)
        {
            var source = $"{route.Key.Kind} {route.Key.Namespace}/{route.Key.Name}";
            var translated = pipeline.Stage<IRouteRulesRule>().RouteRules(new RouteRulesRequest(route, host.Routes.Count, name, null, service), context);
            if (translated is null)
            {
                context.Warn(source, "no rule translates this route kind; it adds no routes for proxyless clients");
                continue;
            }

            foreach (var envoyRoute in translated)
            {
                host.Routes.Add(pipeline.Stage<IProxylessRouteRule>().ProxylessRoutes(new ProxylessRouteRequest(service, source, envoyRoute.Clone()), context) ?? []);
            }
        }

        host.Routes.Add(new EnvoyRoute
        {
            Name = $"{name}-default",
            Match = new RouteMatch { Prefix = "/" },
            Route_ = new RouteAction { Cluster = backend.ClusterName },
        });
        return host;
    }
}
