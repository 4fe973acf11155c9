using V1 = RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// The TCPRoutes and TLSRoutes of a translation, keyed by parentRef exactly as <see cref="RouteIndex"/> keys HTTP routes.
/// An index of its own, so that HTTP route gathering (and the kgateway profile, which gives these kinds no rules on a
/// waypoint) never sees them.
/// </summary>
internal sealed class ConnectionRouteIndex
{
    private ConnectionRouteIndex(RouteIndex routes) => Routes = routes;

    /// <summary>The routes by parentRef.</summary>
    public RouteIndex Routes { get; }

    /// <summary>The TCPRoutes and TLSRoutes of <paramref name="context"/>'s store, built once per translation.</summary>
    public static RouteIndex For(TranslationContext context) => context.Index(static c => new ConnectionRouteIndex(RouteIndex.Of(Read(c)))).Routes;

    private static IEnumerable<IndexedRoute> Read(TranslationContext context)
    {
        foreach (var route in context.Store.All<V1.TCPRoute>())
        {
            if (RouteIndex.Indexed(route, V1.TCPRoute.KubeKind, route.Spec.ParentRefs?.Select(static p => (p.Group, p.Kind, p.Namespace, p.Name, p.SectionName, p.Port))) is { } indexed)
            {
                yield return indexed;
            }
        }

        foreach (var route in context.Store.All<V1.TLSRoute>())
        {
            if (RouteIndex.Indexed(route, V1.TLSRoute.KubeKind, route.Spec.ParentRefs?.Select(static p => (p.Group, p.Kind, p.Namespace, p.Name, p.SectionName, p.Port))) is { } indexed)
            {
                yield return indexed;
            }
        }
    }
}
