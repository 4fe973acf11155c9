using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Capture;

/// <summary>
/// Istio's namespace-level binding (docs/spec/istio-gatewayapi.md §6.3, step 2): for objects without the label, the Namespace's
/// <c>istio.io/use-waypoint</c> and <c>istio.io/use-waypoint-namespace</c> name the waypoint, which istiod then checks
/// as at object level (<see cref="IstioWaypointBinding"/>).
/// </summary>
[Rule("istio.capture.namespace-label", Order = 200, Profile = "istio", Replaces = "waypoint.capture.namespace-label",
    Description = "For objects without their own label, the Namespace's istio.io/use-waypoint names the waypoint, which must exist, be ready and admit the object's namespace.")]
public sealed class IstioNamespaceUseWaypointLabel : IServiceCaptureRule
{
    /// <inheritdoc />
    public CaptureVerdict Evaluate(MeshService service, RuleContext context)
        => IstioWaypointBinding.Check(
            UseWaypointLabel.Evaluate(service, context, IstioLabels.UseWaypoint, IstioLabels.UseWaypointNamespace, IstioLabels.OptOut, LabelScope.Namespace),
            service,
            context,
            afterMissing: string.Empty);
}
