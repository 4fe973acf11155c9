using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Istio's mesh routes (docs/spec/istio-waypoint-output.md §4.1, §4.2): an HTTPRoute or GRPCRoute applies to a waypoint's service through a
/// parentRef of kind Service (core group) or ServiceEntry (<c>networking.istio.io</c>) naming it, and only when the
/// route lives in the service's namespace or the waypoint's. The parentRef's <c>port</c> is kept on the attached route
/// (it narrows every match to that port). A <c>networking.istio.io/Hostname</c> parentRef is not a parent Istio allows:
/// it is refused with a route status.
/// </summary>
/// <remarks>
/// A route from another namespace is still accepted (istiod generates its VirtualService), but the waypoint does not
/// use it. Each parentRef naming the service attaches once, so one route may attach twice with different ports.
/// </remarks>
[Rule("istio.routes.service-parents", Order = 310, Profile = "istio", Replaces = "kgateway.routes.service-parents",
    Description = "HTTPRoutes and GRPCRoutes attach through Service or ServiceEntry parentRefs, only from the service's or the waypoint's namespace, each parentRef's port kept; Hostname parentRefs are refused.")]
public sealed class IstioServiceRoutes : IServiceRoutesRule
{
    /// <summary>The Accepted=False reason for a parentRef kind Istio does not take.</summary>
    public const string UnsupportedValue = "UnsupportedValue";

    /// <inheritdoc />
    public IReadOnlyList<AttachedRoute>? ServiceRoutes(MeshService service, TranslationContext context) => Attach(RouteIndex.For(context), service, context);

    /// <summary>
    /// The routes of <paramref name="index"/> that attach to <paramref name="service"/> by Istio's rules, each parent's
    /// acceptance (or refusal of a Hostname parent) reported. TCPRoutes and TLSRoutes attach the same way (§4.4).
    /// </summary>
    internal static List<AttachedRoute> Attach(RouteIndex index, MeshService service, TranslationContext context)
    {
        var waypointNamespace = context.Capture.Service(service.Key)?.Decision.Waypoint?.Namespace;
        var attached = new List<AttachedRoute>();
        foreach (var (route, parent) in index.RoutesFor(new ParentKey(RouteIndex.CanonicalGroup(service.Key.Group), service.Key.Kind, service.Namespace, service.Name)))
        {
            RouteStatusCollector.For(context).Accepted(route.Key, parent.Written, RouteStatusCollector.ObservedGeneration(route.Route));
            if (route.Key.Namespace == service.Namespace || route.Key.Namespace == waypointNamespace)
            {
                attached.Add(new AttachedRoute(route.Route, route.Key, parent.Written, ViaGateway: false));
            }
        }

        foreach (var host in service.Hostnames)
        {
            foreach (var (route, parent) in index.RoutesFor(new ParentKey(IstioHostnameParent.Group, IstioHostnameParent.Kind, service.Namespace, host)))
            {
                RouteStatusCollector.For(context).Rejected(route.Key, parent.Written, UnsupportedValue, IstioHostnameParent.Message, RouteStatusCollector.ObservedGeneration(route.Route));
            }
        }

        return attached;
    }
}

/// <summary>The parentRef kind Istio refuses: a ServiceEntry host named directly.</summary>
internal static class IstioHostnameParent
{
    /// <summary>Its group.</summary>
    public const string Group = "networking.istio.io";

    /// <summary>Its kind.</summary>
    public const string Kind = "Hostname";

    /// <summary>Why it is refused.</summary>
    public const string Message = "parentRef kind networking.istio.io/Hostname is not supported: Istio takes Gateway, Service, ServiceEntry and ListenerSet parents";
}
