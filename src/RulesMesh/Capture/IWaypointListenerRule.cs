using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>Listeners stage: picks the listener a waypoint serves and computes the Gateway's status. The first non-null result wins.</summary>
[StageContract(RuleStage.Listeners)]
public interface IWaypointListenerRule
{
    /// <summary>The chosen listener and status, or null to leave the Gateway to the next rule.</summary>
    ListenerVerdict? Evaluate(Gateway gateway, RuleContext context);
}
