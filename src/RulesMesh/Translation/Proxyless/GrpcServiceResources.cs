using System.Globalization;
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
/// <see cref="IProxylessClusterRule"/>. A host and port whose own cluster gRPC cannot use gets nothing. Every other
/// cluster a route names is sent too (gRPC holds every call until it has them all): another service's backend as its own
/// item makes it, and a name gRPC cannot use (a backendRef that does not resolve, a cluster left out) as an
/// <see cref="UnavailableCluster"/>, with a warning naming the route and the backend.
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
        var namedBy = new Dictionary<string, (string Source, string Route)>(StringComparer.Ordinal);
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
                routes.Add(new RouteConfiguration { Name = name, VirtualHosts = { VirtualHost(service, backend, port, name, attached, namedBy, context) } });
            }
        }

        AddNamedClusters(clusters, namedBy, attached, context);
        return new ProxylessService(visibility, listeners, routes, [.. clusters.Values.OfType<(Cluster, ClusterLoadAssignment)>()]) { Owner = ProxylessOwner.Of(service) };
    }

    /// <summary>
    /// Adds every cluster <paramref name="namedBy"/> lists that the service's own backends did not give: the backend's
    /// cluster when a backendRef resolves to one gRPC can use, otherwise an <see cref="UnavailableCluster"/>.
    /// </summary>
    private static void AddNamedClusters(Dictionary<string, (Cluster Cluster, ClusterLoadAssignment Endpoints)?> clusters, Dictionary<string, (string Source, string Route)> namedBy, IReadOnlyList<AttachedRoute> attached, TranslationContext context)
    {
        Dictionary<string, BackendObject>? backends = null;
        foreach (var (clusterName, (source, route)) in namedBy)
        {
            if (clusters.TryGetValue(clusterName, out var known) && known is not null)
            {
                continue;
            }

            // A cluster of the service's own that gRPC cannot use is already known (null); any other is looked up.
            var ownLeftOut = clusters.ContainsKey(clusterName);
            backends ??= RouteBackends.ByClusterName(attached, context);
            var backend = backends.GetValueOrDefault(clusterName);
            if (!ownLeftOut && backend is not null && Cluster(backend, context) is { } usable)
            {
                clusters[clusterName] = usable;
                continue;
            }

            clusters[clusterName] = UnavailableCluster.Named(clusterName);
            if (clusterName != UnavailableCluster.DirectResponseName)
            {
                var what = backend is null && !ownLeftOut ? "which no backendRef resolves to" : "a cluster gRPC cannot use";
                var of = backend is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({backend.Key.Kind} {backend.Key.Namespace}/{backend.Key.Name}, {backend.Host}:{backend.Port.Port})");
                context.Warn(source, $"route {route} names cluster {clusterName}{of}, {what}; proxyless clients get it without endpoints, so the calls the route matches fail with UNAVAILABLE");
            }
        }
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
    /// <remarks>Files each cluster a route names in <paramref name="namedBy"/> with the first route naming it.</remarks>
    private static VirtualHost VirtualHost(MeshService service, BackendObject backend, ServicePort port, string name, IReadOnlyList<AttachedRoute> attached, Dictionary<string, (string Source, string Route)> namedBy, TranslationContext context)
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
                foreach (var kept in pipeline.Stage<IProxylessRouteRule>().ProxylessRoutes(new ProxylessRouteRequest(service, source, envoyRoute.Clone()), context) ?? [])
                {
                    host.Routes.Add(kept);
                    foreach (var clusterName in ClusterNames(kept))
                    {
                        namedBy.TryAdd(clusterName, (source, kept.Name));
                    }
                }
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

    /// <summary>The clusters <paramref name="route"/> sends calls to.</summary>
    private static IEnumerable<string> ClusterNames(EnvoyRoute route)
        => route.ActionCase != EnvoyRoute.ActionOneofCase.Route_ ? []
            : route.Route_.ClusterSpecifierCase == RouteAction.ClusterSpecifierOneofCase.WeightedClusters ? route.Route_.WeightedClusters.Clusters.Select(static c => c.Name)
            : [route.Route_.Cluster];
}
