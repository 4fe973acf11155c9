using RulesMesh.Rules;
using RulesMesh.Rules.Declarative;

namespace RulesMesh.Capture;

/// <summary>kgateway: a Gateway is a waypoint when its class is <c>kgateway-waypoint</c> (docs/spec/kgateway-waypoint.md §2.5), or the class the run configures.</summary>
[Rule("kgateway.waypoint.class", Order = 10, Profile = "kgateway",
    Description = "A Gateway is a waypoint when its gatewayClassName is the waypoint class (kgateway-waypoint unless configured).")]
[WaypointClass(ClassName)]
public sealed partial class KgatewayWaypointClass
{
    /// <summary>kgateway's waypoint GatewayClass unless the run configures another (<see cref="EngineSettings.WaypointClassName"/>).</summary>
    public const string ClassName = "kgateway-waypoint";
}
