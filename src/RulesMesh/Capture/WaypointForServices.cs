using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Capture;

/// <summary>A waypoint captures services only when its <c>istio.io/waypoint-for</c> label is <c>service</c> (the default) or <c>all</c> (docs/spec/kgateway-waypoint.md §2.1).</summary>
[Rule("waypoint.for-services", Order = 20,
    Description = "A waypoint captures services only when istio.io/waypoint-for is service (the default) or all.")]
[WaypointFor("istio.io/waypoint-for", DefaultValue = "service", AcceptedValues = "service,all")]
public sealed partial class WaypointForServices;
