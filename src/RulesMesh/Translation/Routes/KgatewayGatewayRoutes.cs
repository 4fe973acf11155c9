using RulesMesh.Capture;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway's waypoint translator takes the routes of the served <c>istio.io/PROXY</c> listener and adds them to every
/// captured service's virtual host, before the service's own (docs/spec/kgateway-waypoint.md §5.2, golden <c>httproute-gateway</c>). A route
/// attaches through a parentRef of group <c>gateway.networking.k8s.io</c> and kind <c>Gateway</c> naming the waypoint
/// (namespace defaulting to the route's), as Gateway API attachment to a listener works: a sectionName must name the
/// served listener, a port must be its port, the listener's <c>allowedRoutes</c> must admit the route's namespace,
/// and its supported kinds, which are HTTPRoute only, the route's kind.
/// </summary>
/// <remarks>
/// Every attached route's parent is reported accepted; a parentRef naming the waypoint that the listener does not take is
/// reported not accepted (NoMatchingParent, NotAllowedByListeners). Routes come oldest first, then by namespace and name.
/// </remarks>
[Rule("kgateway.routes.gateway-parents", Order = 320,
    Description = "HTTPRoutes parented to the waypoint Gateway (and admitted by its PROXY listener) apply to every service it captures, ahead of the service's own routes.")]
public sealed class KgatewayGatewayRoutes : IGatewayRoutesRule
{
    /// <summary>The Accepted=False reason when no listener matches the parentRef's sectionName or port.</summary>
    public const string NoMatchingParent = "NoMatchingParent";

    /// <summary>The Accepted=False reason when the listener does not admit the route's namespace or kind.</summary>
    public const string NotAllowedByListeners = "NotAllowedByListeners";

    /// <inheritdoc />
    public IReadOnlyList<AttachedRoute>? GatewayRoutes(GatewayCapture waypoint, TranslationContext context)
    {
        var listener = waypoint.Listener is { ListenerName: { } name }
            ? waypoint.Gateway.Spec.Listeners.FirstOrDefault(l => l.Name == name)
            : null;
        if (listener is null)
        {
            return [];
        }

        var supported = SupportedRouteKinds.For(listener, "HTTPRoute").Select(static k => k.Kind).ToHashSet(StringComparer.Ordinal);
        var key = new ParentKey(RouteIndex.GatewayApiGroup, RouteIndex.GatewayKind, waypoint.Name.Namespace, waypoint.Name.Name);
        var attached = new List<AttachedRoute>();
        var seen = new HashSet<ObjectKey>();
        foreach (var (route, parent) in RouteIndex.For(context).RoutesFor(key))
        {
            var written = parent.Written;
            if (Rejection(waypoint, listener, supported, route, written, context) is { } rejection)
            {
                RouteStatusCollector.For(context).Rejected(route.Key, written, rejection.Reason, rejection.Message, RouteStatusCollector.ObservedGeneration(route.Route));
                continue;
            }

            // A route with two parentRefs admitted by the listener is accepted by both, and its rules added once.
            RouteStatusCollector.For(context).Accepted(route.Key, written, RouteStatusCollector.ObservedGeneration(route.Route));
            if (seen.Add(route.Key))
            {
                attached.Add(new AttachedRoute(route.Route, route.Key, written, ViaGateway: true));
            }
        }

        return attached;
    }

    /// <summary>Why the served listener does not take the route through <paramref name="parent"/> (Gateway API reasons), or null when it does.</summary>
    private static (string Reason, string Message)? Rejection(
        GatewayCapture waypoint, GatewayListener listener, HashSet<string> supported, IndexedRoute route, ParentReference parent, TranslationContext context)
    {
        if (parent.SectionName is { } section && section != listener.Name)
        {
            return (NoMatchingParent, $"Gateway {waypoint.Name} serves listener {listener.Name}, not {section}");
        }

        if (parent.Port is { } port && port != listener.Port)
        {
            return (NoMatchingParent, $"Gateway {waypoint.Name} serves port {listener.Port}, not {port}");
        }

        if (!supported.Contains(route.Key.Kind))
        {
            return (NotAllowedByListeners, $"listener {listener.Name} does not support {route.Key.Kind}");
        }

        return AllowedRoutesNamespaces.Denial(waypoint.Gateway, listener, route.Key.Namespace, context.Rules) is { } denial
            ? (NotAllowedByListeners, denial)
            : null;
    }
}
