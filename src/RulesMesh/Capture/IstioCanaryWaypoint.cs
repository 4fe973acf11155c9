using System.Globalization;
using RulesMesh.Mesh;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Istio's canary waypoint (docs/spec/istio-gatewayapi.md §6.1, §6.4): <c>istio.io/use-waypoint-canary</c> (with
/// <c>istio.io/use-waypoint-canary-namespace</c>) names a second waypoint, and the annotation
/// <c>istio.io/use-waypoint-canary-weight</c> (0–100, default 0) its share. A service bound to its primary waypoint
/// and a valid canary is owned by both. An invalid canary leaves the primary binding as it is and is reported in the
/// <c>WaypointBound</c> condition (<c>CanaryInvalidWeight</c>, <c>CanarySameAsPrimary</c>, or the canary's own binding
/// error). The spec leaves the details open; as understood from Istio's <c>waypoints.go</c>, not checked against the
/// source: the labels and annotation are read from the object, else from its namespace (one level, as
/// <c>use-waypoint</c> is), and the canary must pass the same checks as the primary.
/// </summary>
internal static class IstioCanaryWaypoint
{
    /// <summary>Names the canary waypoint Gateway.</summary>
    public const string Label = "istio.io/use-waypoint-canary";

    /// <summary>Names the canary waypoint's namespace, read from the same labels as <see cref="Label"/>.</summary>
    public const string NamespaceLabel = "istio.io/use-waypoint-canary-namespace";

    /// <summary>The share of traffic sent to the canary.</summary>
    public const string WeightAnnotation = "istio.io/use-waypoint-canary-weight";

    /// <summary><paramref name="captured"/> with the canary that also owns the service and the status conditions.</summary>
    public static CaptureVerdict Apply(CaptureVerdict captured, MeshService service, RuleContext context)
    {
        var primary = captured.Waypoint!.Value;
        var (labels, annotations, where) = service.Labels.ContainsKey(Label)
            ? (service.Labels, service.Annotations, $"the {service.Key.Kind}'s own label")
            : (context.NamespaceLabels(service.Namespace), context.NamespaceAnnotations(service.Namespace), $"the label on namespace {service.Namespace}");
        if (!labels.TryGetValue(Label, out var name))
        {
            return captured with { Conditions = IstioServiceConditions.Bound(service, primary, null, context) };
        }

        var canary = new NamespacedName(labels.TryGetValue(NamespaceLabel, out var ns) ? ns : service.Namespace, name);
        var named = $"{where} {Label}={name} names canary waypoint {canary}";
        var weightText = annotations.TryGetValue(WeightAnnotation, out var written) ? written : "0";
        var problem = Weight(weightText) is null ? new WaypointRefusal("CanaryInvalidWeight", $"{named}, but {WeightAnnotation}={weightText} is not a whole number from 0 to 100", string.Empty)
            : canary == primary ? new WaypointRefusal("CanarySameAsPrimary", $"{named}, which is the primary waypoint", string.Empty)
            : IstioWaypointBinding.Refusal(canary, service, context) is { } refusal ? refusal with { Detail = $"{named}, but {refusal.Detail}" }
            : null;
        if (problem is not null)
        {
            return captured with
            {
                Reason = $"{captured.Reason}; {problem.Detail}: istiod reports {problem.Reason} and keeps the primary waypoint alone",
                Conditions = IstioServiceConditions.Refused(service, problem.Reason, problem.Detail, bound: true, context),
            };
        }

        var valid = new WaypointCanary(canary, Weight(weightText)!.Value);
        return captured with
        {
            Reason = $"{captured.Reason}; {named}, which is ready and takes {valid.Weight}% of the traffic",
            Canary = valid,
            Conditions = IstioServiceConditions.Bound(service, primary, valid, context),
        };
    }

    private static int? Weight(string value)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var weight) && weight <= 100 ? weight : null;
}
