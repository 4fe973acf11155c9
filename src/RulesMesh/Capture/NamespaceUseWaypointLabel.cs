using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Capture;

/// <summary>
/// For objects without the label of their own, their Namespace's <c>istio.io/use-waypoint</c> (and
/// <c>istio.io/use-waypoint-namespace</c> from the Namespace's labels) decides; <c>none</c> opts out (docs/spec/kgateway-waypoint.md §2.2).
/// </summary>
[Rule("waypoint.capture.namespace-label", Order = 200,
    Description = "For objects without their own label, the Namespace's istio.io/use-waypoint label names the waypoint, or opts out with none.")]
[UseWaypointLabel("istio.io/use-waypoint", NamespaceLabel = "istio.io/use-waypoint-namespace", OptOutValue = "none", Scope = LabelScope.Namespace)]
public sealed partial class NamespaceUseWaypointLabel;
