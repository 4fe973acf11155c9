using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Capture stage: decides whether a Gateway is a waypoint that captures services. A rule that enforces a requirement
/// fails the Gateway when it is not met (a deciding verdict) and passes it otherwise; the Gateway is a waypoint when no
/// rule failed it and at least one passed it.
/// </summary>
[StageContract(RuleStage.Capture)]
public interface IWaypointRule
{
    /// <summary>Judges one Gateway.</summary>
    GateVerdict Evaluate(Gateway gateway, RuleContext context);
}
