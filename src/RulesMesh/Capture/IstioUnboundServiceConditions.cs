using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Istio: a service no label binds gets no <c>WaypointBound</c> condition, but a ServiceEntry that needs a waypoint
/// still gets <c>istio.io/WaypointMissing</c>, and every ServiceEntry gets <c>istio.io/VisibilityApplied</c> when
/// <c>serviceEntryVisibility</c> is configured (docs/spec/istio-gatewayapi.md §6.4 item 6). Only then does this rule
/// decide (no waypoint, as before); otherwise it abstains and istiod writes nothing.
/// </summary>
[Rule("istio.capture.unbound-service-conditions", Order = 900, Profile = "istio",
    Description = "A ServiceEntry no label binds gets the WaypointMissing and VisibilityApplied conditions istiod writes.")]
public sealed class IstioUnboundServiceConditions : IServiceCaptureRule
{
    /// <inheritdoc />
    public CaptureVerdict Evaluate(MeshService service, RuleContext context)
    {
        var conditions = IstioServiceConditions.Unbound(service, context);
        return conditions.Count == 0
            ? CaptureVerdict.Abstain("it needs no waypoint status")
            : CaptureVerdict.NotCaptured($"no label names a waypoint for it; istiod writes {string.Join(" and ", conditions.Select(static c => $"{c.Type} ({c.Reason})"))}") with { Conditions = conditions };
    }
}
