using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Capture;

/// <summary>
/// The Service's or ServiceEntry's own <c>istio.io/use-waypoint</c> decides first: <c>none</c> opts out, any other
/// value names the waypoint, in <c>istio.io/use-waypoint-namespace</c> from the same labels or the object's namespace (docs/spec/kgateway-waypoint.md §2.2).
/// </summary>
[Rule("waypoint.capture.object-label", Order = 100,
    Description = "The object's own istio.io/use-waypoint label names its waypoint, or opts out with none.")]
[UseWaypointLabel("istio.io/use-waypoint", NamespaceLabel = "istio.io/use-waypoint-namespace", OptOutValue = "none", Scope = LabelScope.Object)]
public sealed partial class ObjectUseWaypointLabel;
