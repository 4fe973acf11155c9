using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Capture;

/// <summary>
/// Istio's object-level binding (docs/spec/istio-gatewayapi.md §6.3, step 1): the object's own <c>istio.io/use-waypoint</c> names
/// the waypoint as in kgateway, but istiod then checks it (<see cref="IstioWaypointBinding"/>). A waypoint that is
/// missing, not ready, service-less or does not admit the namespace leaves the object with <b>no</b> waypoint: there is
/// no fallback to the namespace label.
/// </summary>
[Rule("istio.capture.object-label", Order = 100, Profile = "istio", Replaces = "waypoint.capture.object-label",
    Description = "The object's own istio.io/use-waypoint label names its waypoint, which must exist, be ready and admit the object's namespace; otherwise it gets none (no namespace fallback).")]
public sealed class IstioObjectUseWaypointLabel : IServiceCaptureRule
{
    /// <inheritdoc />
    public CaptureVerdict Evaluate(MeshService service, RuleContext context)
        => IstioWaypointBinding.Check(
            UseWaypointLabel.Evaluate(service, context, IstioLabels.UseWaypoint, IstioLabels.UseWaypointNamespace, IstioLabels.OptOut, LabelScope.Object),
            service,
            context,
            afterMissing: ", and since the object named it, istiod does not fall back to the namespace label");
}
