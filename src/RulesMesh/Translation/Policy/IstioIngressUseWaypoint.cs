using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// The <c>istio</c> profile's ingress through the waypoint (docs/spec/istio-gatewayapi.md, <c>istio.io/ingress-use-waypoint</c>):
/// as kgateway's (<see cref="KgatewayIngressUseWaypoint"/>), but the label is read as Go's <c>ParseBool</c> reads it
/// (<c>1</c>, <c>t</c>, <c>T</c>, <c>TRUE</c>, <c>true</c>, <c>True</c>; any other value is false, with a warning when it
/// is not a boolean either) and the proxy need not be ambient-redirected: Istio asks only that it serve an ingress
/// Gateway, not a waypoint.
/// </summary>
[Rule("istio.policy.ingress-use-waypoint", Order = 400, Profile = "istio", Replaces = "kgateway.policy.ingress-use-waypoint",
    Description = "For an ingress Gateway, a waypoint-captured service whose istio.io/ingress-use-waypoint label (or its namespace's) parses as true gets a STATIC cluster to its VIPs.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class IstioIngressUseWaypoint : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var service = request.Backend.Service;
        if (IngressUseWaypoint.LabelValue(service, context) is not { } value)
        {
            return;
        }

        var enabled = value is "1" or "t" or "T" or "TRUE" or "true" or "True";
        if (!enabled && value is not ("0" or "f" or "F" or "FALSE" or "false" or "False"))
        {
            context.Warn(service.Key, null, $"{IngressUseWaypoint.Label} '{value}' is not a boolean; it counts as false");
        }

        if (enabled && IngressUseWaypoint.ClientIsIngressGateway(context) && IngressUseWaypoint.IsCaptured(service, context))
        {
            IngressUseWaypoint.RouteToVips(request.Cluster, request.Backend);
        }
    }
}
