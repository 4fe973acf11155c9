using k8s;
using k8s.Models;
using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Translation.Routes;
using V1 = RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Translation.Gateways;

/// <summary>
/// Gateway API route attachment to an ordinary Gateway, as kgateway's route query does it. An HTTPRoute or GRPCRoute
/// attaches through a parentRef of group <c>gateway.networking.k8s.io</c> and kind <c>Gateway</c> naming the Gateway
/// (namespace defaulting to the route's) to every served listener that:
/// <list type="bullet">
/// <item>the parentRef's <c>sectionName</c> names and its <c>port</c> matches, when given;</item>
/// <item>supports the route's kind and admits the route's namespace (<c>allowedRoutes.namespaces</c>: Same, the default,
/// All or Selector);</item>
/// <item>shares a hostname with the route: a route without hostnames takes the listener's; a listener without one
/// takes the route's; otherwise each route hostname that the listener's matches, exactly or by a <c>*.</c> wildcard on
/// either side, with the more specific of the two kept;</item>
/// <item>has no route of the other kind (HTTPRoute against GRPCRoute) attached whose hostnames there intersect the
/// route's: of two such routes Gateway API accepts exactly one, the older, then the first by namespace/name.</item>
/// </list>
/// </summary>
/// <remarks>
/// A parentRef that attaches to at least one listener is reported accepted; one that attaches to none is reported not
/// accepted with the reason of the listeners that came closest: NotAllowedByListeners naming the winner (a listener
/// already accepts a route of the other kind on a shared hostname), else NoMatchingListenerHostname (a listener takes
/// the route but shares no hostname with it), else NotAllowedByListeners (one is selected but does not take the route's kind or
/// namespace), else NoMatchingParent (no served listener has that sectionName or port).
/// Routes come oldest first, then by namespace and name; a route attached to one listener through two parentRefs
/// counts once.
/// </remarks>
[Rule("kgateway.gateways.route-attachment", Order = 400,
    Description = "HTTPRoutes and GRPCRoutes parented to an ordinary Gateway attach to the listeners their sectionName and port select that admit their kind and namespace and share a hostname with them.")]
public sealed class KgatewayListenerRoutes : IListenerRoutesRule
{
    /// <summary>The Accepted=False reason when no listener matches the parentRef's sectionName or port.</summary>
    public const string NoMatchingParent = "NoMatchingParent";

    /// <summary>The Accepted=False reason when no listener admits the route's kind or namespace.</summary>
    public const string NotAllowedByListeners = "NotAllowedByListeners";

    /// <summary>The Accepted=False reason when the route and the listeners have no hostname in common.</summary>
    public const string NoMatchingListenerHostname = "NoMatchingListenerHostname";

    /// <inheritdoc />
    public IReadOnlyList<ListenerRoute>? ListenerRoutes(GatewayListenerPlan plan, TranslationContext context)
    {
        var gateway = plan.Gateway;
        var key = new ParentKey(RouteIndex.GatewayApiGroup, RouteIndex.GatewayKind, gateway.Name.Namespace, gateway.Name.Name);
        var attached = new List<ListenerRoute>();
        var seen = new HashSet<(string Listener, ObjectKey Route)>();
        foreach (var (route, parent) in RouteIndex.For(context).RoutesFor(key))
        {
            var written = parent.Written;
            var hostnames = RouteHostnames(route.Route);
            var failures = new List<(int Rank, string Reason, string Message)>();
            var accepted = false;
            foreach (var listener in plan.Served)
            {
                if (Rejection(gateway, listener, route, written, context) is { } rejection)
                {
                    failures.Add(rejection);
                    continue;
                }

                if (Intersect(listener.Hostname, hostnames) is not { } served)
                {
                    failures.Add((3, NoMatchingListenerHostname, $"listener {listener.Name} (hostname {listener.Hostname}) shares no hostname with the route ({string.Join(", ", hostnames)})"));
                    continue;
                }

                if (OtherKindSharingHostnames(attached, listener, route.Key, served) is { } winner)
                {
                    failures.Add((4, NotAllowedByListeners, $"listener {listener.Name} already accepts the {winner.Kind} {winner.Namespace}/{winner.Name} on a hostname this route shares; Gateway API accepts only one of an HTTPRoute and a GRPCRoute whose hostnames intersect on a listener, the older (then the first by namespace/name)"));
                    continue;
                }

                accepted = true;
                if (seen.Add((listener.Name, route.Key)))
                {
                    attached.Add(new ListenerRoute(listener, new AttachedRoute(route.Route, route.Key, written, ViaGateway: true), served));
                }
            }

            if (accepted)
            {
                RouteStatusCollector.For(context).Accepted(route.Key, written, RouteStatusCollector.ObservedGeneration(route.Route));
            }
            else if (failures.Count == 0)
            {
                RouteStatusCollector.For(context).Rejected(route.Key, written, NoMatchingParent, $"Gateway {gateway.Name} has no valid listener", RouteStatusCollector.ObservedGeneration(route.Route));
            }
            else
            {
                // The listeners that got furthest tell why: a hostname mismatch on the listener the sectionName names
                // says more than the other listeners not being named.
                var furthest = failures.Max(static f => f.Rank);
                var reasons = failures.Where(f => f.Rank == furthest).ToList();
                RouteStatusCollector.For(context).Rejected(route.Key, written, reasons[0].Reason, string.Join("; ", reasons.Select(static r => r.Message).Distinct(StringComparer.Ordinal)), RouteStatusCollector.ObservedGeneration(route.Route));
            }
        }

        return attached;
    }

    /// <summary>
    /// The route of the other kind (HTTPRoute against GRPCRoute) already attached to <paramref name="listener"/> whose
    /// hostnames there intersect <paramref name="hostnames"/>, or null. Gateway API (GRPCRoute <c>spec.hostnames</c>):
    /// the listener MUST accept exactly one of the two, the older, then the first by namespace/name; routes arrive in
    /// that order, so the one already attached wins.
    /// </summary>
    private static ObjectKey? OtherKindSharingHostnames(IReadOnlyList<ListenerRoute> attached, ServedListener listener, ObjectKey route, IReadOnlyList<string> hostnames)
    {
        var otherKind = route.Kind switch
        {
            V1.HTTPRoute.KubeKind => V1.GRPCRoute.KubeKind,
            V1.GRPCRoute.KubeKind => V1.HTTPRoute.KubeKind,
            _ => null,
        };
        return attached
            .Where(a => a.Listener.Name == listener.Name && a.Route.Key.Kind == otherKind && HostnamesIntersect(a.Hostnames, hostnames))
            .Select(static a => (ObjectKey?)a.Route.Key)
            .FirstOrDefault();
    }

    /// <summary>Whether two routes' hostnames on one listener share a host; no hostnames means every host.</summary>
    private static bool HostnamesIntersect(IReadOnlyList<string> a, IReadOnlyList<string> b)
        => a.Count == 0 || b.Count == 0 || a.Any(x => b.Any(y => Intersect(x, y) is not null));

    /// <summary>
    /// The hostnames of the route on a listener of hostname <paramref name="listener"/>: null when they have none in
    /// common; empty when neither names one.
    /// </summary>
    public static IReadOnlyList<string>? Intersect(string? listener, IReadOnlyList<string> route)
    {
        if (route.Count == 0)
        {
            return listener is null ? [] : [listener];
        }

        if (listener is null)
        {
            return route;
        }

        var common = route.Select(host => Intersect(listener, host)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return common.Count > 0 ? common : null;
    }

    /// <summary>Both hostnames' common, more specific form, or null (kgateway's <c>hostnameIntersect</c>).</summary>
    private static string? Intersect(string listener, string route)
    {
        if (listener == route)
        {
            return route;
        }

        if (listener.StartsWith("*.", StringComparison.Ordinal) && route.EndsWith(listener[1..], StringComparison.Ordinal))
        {
            return route;
        }

        return route.StartsWith("*.", StringComparison.Ordinal) && listener.EndsWith(route[1..], StringComparison.Ordinal) ? listener : null;
    }

    /// <summary>Why <paramref name="listener"/> does not take the route through <paramref name="parent"/>, ranked for reporting; null when it does.</summary>
    private static (int Rank, string Reason, string Message)? Rejection(
        GatewayCapture gateway, ServedListener listener, IndexedRoute route, ParentReference parent, TranslationContext context)
    {
        if (parent.SectionName is { } section && section != listener.Name)
        {
            return (1, NoMatchingParent, $"Gateway {gateway.Name} has no valid listener named {section}");
        }

        if (parent.Port is { } port && port != listener.Port)
        {
            // The listener the sectionName names got further than those it does not name: its port is what is wrong.
            return (parent.SectionName is null ? 1 : 2, NoMatchingParent, $"Gateway {gateway.Name} has no valid listener on port {port}");
        }

        if (!listener.RouteKinds.Contains(route.Key.Kind))
        {
            return (2, NotAllowedByListeners, $"listener {listener.Name} does not support {route.Key.Kind}");
        }

        return AllowedRoutesNamespaces.Denial(gateway.Gateway, listener.Listener, route.Key.Namespace, context.Rules) is { } denial
            ? (2, NotAllowedByListeners, denial)
            : null;
    }

    /// <summary>The hostnames an HTTPRoute or GRPCRoute names (none for other kinds).</summary>
    internal static IReadOnlyList<string> RouteHostnames(IKubernetesObject<V1ObjectMeta> route) => route switch
    {
        V1.HTTPRoute http => http.Spec.Hostnames ?? [],
        V1.GRPCRoute grpc => grpc.Spec.Hostnames ?? [],
        _ => [],
    };
}
