using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Capture;

/// <summary>The route kinds a listener reports as supported: those the implementation offers, narrowed by the listener's <c>allowedRoutes.kinds</c>.</summary>
internal static class SupportedRouteKinds
{
    /// <summary>The Gateway API group, which is also the default group of an <c>allowedRoutes.kinds</c> entry.</summary>
    public const string GatewayApiGroup = "gateway.networking.k8s.io";

    /// <summary>The kinds of <paramref name="offered"/> that <paramref name="listener"/> allows; all of them when it lists no kinds.</summary>
    public static List<GatewayKind> For(GatewayListener listener, params IReadOnlyList<string> offered)
    {
        var allowed = listener.AllowedRoutes?.Kinds;
        return offered
            .Where(kind => allowed is not { Count: > 0 } || allowed.Any(a => a.Kind == kind && (a.Group ?? GatewayApiGroup) == GatewayApiGroup))
            .Select(static kind => new GatewayKind { Group = GatewayApiGroup, Kind = kind })
            .ToList();
    }
}
