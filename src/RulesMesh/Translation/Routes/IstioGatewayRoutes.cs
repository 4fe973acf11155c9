using RulesMesh.Capture;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Istio converts no routes of a mesh-controller (waypoint) Gateway (<c>gateway_collection.go</c>; docs/spec/istio-waypoint-output.md §4.1):
/// an HTTPRoute parented to the waypoint Gateway itself produces no VirtualService and has no effect on the waypoint's
/// configuration, where kgateway applies it to every captured service.
/// </summary>
[Rule("istio.routes.gateway-parents", Order = 320, Profile = "istio", Replaces = "kgateway.routes.gateway-parents",
    Description = "Routes parented to the waypoint Gateway itself are ignored, as istiod converts none for mesh-controller Gateways.")]
public sealed class IstioGatewayRoutes : IGatewayRoutesRule
{
    /// <inheritdoc />
    public IReadOnlyList<AttachedRoute>? GatewayRoutes(GatewayCapture waypoint, TranslationContext context) => [];
}
