using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Routes;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// The backends the backendRefs of a service's attached routes resolve to, by cluster name, resolved as the route
/// translator resolves them (<see cref="IBackendRefRule"/>): a route may name another service's backend, whose cluster
/// proxyless clients must then get too.
/// </summary>
internal static class RouteBackends
{
    /// <summary>Every backend <paramref name="attached"/> names, by its cluster name.</summary>
    public static Dictionary<string, BackendObject> ByClusterName(IReadOnlyList<AttachedRoute> attached, TranslationContext context)
    {
        var backends = new Dictionary<string, BackendObject>(StringComparer.Ordinal);
        var resolver = context.Pipeline.Stage<IBackendRefRule>();
        foreach (var route in attached)
        {
            foreach (var rule in HttpRouteRules.Of(route.Route) ?? [])
            {
                foreach (var backendRef in rule.BackendRefs ?? [])
                {
                    var request = new BackendRefRequest(route.Key, route.Key.Namespace, backendRef.Group, backendRef.Kind, backendRef.Namespace, backendRef.Name, backendRef.Port);
                    if (resolver.ResolveBackendRef(request, context)?.Backend is { } backend)
                    {
                        backends.TryAdd(backend.ClusterName, backend);
                    }
                }
            }
        }

        return backends;
    }
}
