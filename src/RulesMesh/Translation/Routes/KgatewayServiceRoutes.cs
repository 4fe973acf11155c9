using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway's <c>GetHTTPRoutesForService</c> (docs/spec/kgateway-waypoint.md §2.4): for each of the service's keys (its aliases, then itself) the
/// HTTPRoutes and GRPCRoutes with a parentRef to that key, de-duplicated by route. A parentRef with group <c>""</c> (or
/// <c>core</c>) and kind <c>Service</c> names a Service; <c>networking.istio.io</c> + <c>ServiceEntry</c> a ServiceEntry;
/// <c>networking.istio.io</c> + <c>Hostname</c> one of a ServiceEntry's hosts, which counts only for a route in the
/// ServiceEntry's namespace whose parentRef names no namespace. Port and sectionName are ignored.
/// </summary>
/// <remarks>
/// Every attached route's parent is reported accepted. For each key routes come oldest first, then by namespace and
/// name; a route keeps the parentRef of the first key that found it.
/// </remarks>
[Rule("kgateway.routes.service-parents", Order = 310,
    Description = "HTTPRoutes and GRPCRoutes attach to a service through parentRefs to the Service, the ServiceEntry, or (from the ServiceEntry's namespace, with no namespace) one of its hosts as networking.istio.io/Hostname.")]
public sealed class KgatewayServiceRoutes : IServiceRoutesRule
{
    /// <inheritdoc />
    public IReadOnlyList<AttachedRoute>? ServiceRoutes(MeshService service, TranslationContext context)
    {
        // Every service asks and most have no routes: the lists are made for a route.
        var index = RouteIndex.For(context);
        List<AttachedRoute>? attached = null;
        HashSet<ObjectKey>? seen = null;
        foreach (var key in service.Keys)
        {
            Attach(key, service, index, context, ref attached, ref seen);
        }

        return (IReadOnlyList<AttachedRoute>?)attached ?? [];
    }

    /// <summary>Adds the routes whose parentRef names <paramref name="key"/> (one of the service's keys) and were not attached yet.</summary>
    private static void Attach(ObjectKey key, MeshService service, RouteIndex index, TranslationContext context, ref List<AttachedRoute>? attached, ref HashSet<ObjectKey>? seen)
    {
        // A global key (no namespace, such as Hostname) is looked up in the service's namespace: "effectively namespace-local".
        var global = key.Namespace.Length == 0;
        var lookup = new ParentKey(RouteIndex.CanonicalGroup(key.Group), key.Kind, global ? service.Namespace : key.Namespace, key.Name);
        var routes = index.RoutesFor(lookup);
        for (var i = 0; i < routes.Count; i++)
        {
            var (route, parent) = routes[i];
            if ((global && parent.HasNamespace) || !(seen ??= []).Add(route.Key))
            {
                continue;
            }

            (attached ??= []).Add(new AttachedRoute(route.Route, route.Key, parent.Written, ViaGateway: false));
            RouteStatusCollector.For(context).Accepted(route.Key, parent.Written, RouteStatusCollector.ObservedGeneration(route.Route));
        }
    }
}
