using RulesMesh.Capture;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Gateways;

/// <summary>
/// Listeners stage: whether the profile's controller translates a Gateway that is not a waypoint (an ordinary ingress
/// Gateway with HTTP listeners), judged by its class.
/// </summary>
[StageContract(RuleStage.Listeners)]
public interface IGatewayClassRule
{
    /// <summary>True when the Gateway is one this profile translates, false when it is not, null to leave it to the next rule.</summary>
    bool? TranslatesGateway(GatewayCapture gateway, TranslationContext context);
}
