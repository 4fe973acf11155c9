using RulesMesh.Models.GatewayNetworkingK8sIo.V1;

namespace RulesMesh.Rules;

/// <summary>Capture stage: decides whether a Gateway is a waypoint that captures services.</summary>
public interface IWaypointRule
{
    /// <summary>Judges one Gateway.</summary>
    GateVerdict Evaluate(Gateway gateway, RuleContext context);
}
