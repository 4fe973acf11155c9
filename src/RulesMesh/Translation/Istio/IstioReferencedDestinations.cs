using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Istio;

/// <summary>
/// The destinations istiod's <c>referencedDestinations</c> collects for a waypoint (docs/spec/istio-waypoint-output.md
/// §3): every backend a mesh route of an owned service names, from any namespace and whether or not the route reaches
/// the service's route configuration (a route from a third namespace, a match on another port, one after a catch-all),
/// each handed to the scope, which emits the <c>outbound</c> cluster of a target the waypoint does not own.
/// </summary>
/// <remarks>
/// Weight-0 backends name nothing; rule-level mirrors are destinations too. A route whose filters istiod cannot convert
/// becomes no VirtualService and names nothing. A backend that does not resolve is no destination unless its host is
/// served in another namespace (<see cref="IstioWaypointScope.ServedElsewhere"/>); its status is reported where the
/// route configuration uses it.
/// </remarks>
internal static class IstioReferencedDestinations
{
    /// <summary>Hands every destination the mesh routes of <paramref name="service"/> name to <paramref name="scope"/>.</summary>
    public static void Collect(IstioOwnedService service, IstioWaypointScope scope, TranslationContext context)
    {
        var key = service.Service.Key;
        var parent = new ParentKey(RouteIndex.CanonicalGroup(key.Group), key.Kind, key.Namespace, key.Name);
        foreach (var (route, _) in RouteIndex.For(context).RoutesFor(parent))
        {
            if (HttpRouteRules.Of(route.Route) is not { } rules || IstioRouteFilters.Unsupported(rules) is not null)
            {
                continue;
            }

            foreach (var rule in rules)
            {
                foreach (var backendRef in rule.BackendRefs ?? [])
                {
                    if (IstioBackendWeights.Kept(backendRef.Weight))
                    {
                        Name(route.Key, backendRef.Group, backendRef.Kind, backendRef.Namespace, backendRef.Name, backendRef.Port, scope, context);
                    }
                }

                foreach (var mirror in IstioRouteFilters.Mirrors(rule))
                {
                    var target = mirror.BackendRef;
                    Name(route.Key, target.Group, target.Kind, target.Namespace, target.Name, target.Port, scope, context);
                }
            }
        }

        foreach (var (route, _) in ConnectionRouteIndex.For(context).RoutesFor(parent))
        {
            foreach (var backendRef in IstioConnectionRoutes.BackendRefs(route.Route) ?? [])
            {
                if (IstioBackendWeights.Kept(backendRef.Weight))
                {
                    Name(route.Key, backendRef.Group, backendRef.Kind, backendRef.Namespace, backendRef.Name, backendRef.Port, scope, context);
                }
            }
        }
    }

    private static void Name(Mesh.ObjectKey route, string? group, string? kind, string? ns, string name, int? port, IstioWaypointScope scope, TranslationContext context)
    {
        var request = new BackendRefRequest(route, route.Namespace, group, kind, ns, name, port) { MeshRoute = true };
        var resolution = context.Pipeline.Stage<IBackendRefRule>().ResolveBackendRef(request, context);
        if (resolution?.Backend is { } backend)
        {
            scope.Destination(backend);
        }
        else
        {
            scope.ServedElsewhere(resolution, port, context);
        }
    }
}
