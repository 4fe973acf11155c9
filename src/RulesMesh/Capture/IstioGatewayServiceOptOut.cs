using System.Collections.Frozen;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Istio: the Service of a waypoint or of an east-west gateway (labelled <c>gateway.istio.io/managed</c>
/// <c>istio.io-mesh-controller</c> or <c>istio.io-eastwest-controller</c>) never uses a waypoint, whatever its labels or
/// its namespace's say (<c>fetchWaypointForService</c>, docs/spec/istio-gatewayapi.md §6.3).
/// </summary>
[Rule("istio.capture.gateway-service-opt-out", Order = 50, Profile = "istio",
    Description = "A waypoint's or east-west gateway's own Service never uses a waypoint.")]
public sealed class IstioGatewayServiceOptOut : IServiceCaptureRule
{
    private static readonly FrozenSet<string> GatewayControllers = FrozenSet.Create(StringComparer.Ordinal, "istio.io-mesh-controller", "istio.io-eastwest-controller");

    /// <inheritdoc />
    public CaptureVerdict Evaluate(MeshService service, RuleContext context)
        => service.Labels.TryGetValue(IstioLabels.Managed, out var manager) && GatewayControllers.Contains(manager)
            ? CaptureVerdict.NotCaptured($"its label {IstioLabels.Managed}={manager} marks it as a gateway's own Service, which never uses a waypoint")
            : CaptureVerdict.Abstain("it is not a waypoint's or east-west gateway's own Service");
}
