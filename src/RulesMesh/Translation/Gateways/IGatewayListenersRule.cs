using RulesMesh.Capture;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Gateways;

/// <summary>Listeners stage: which listeners of an ordinary Gateway are served, and the Gateway status that results.</summary>
[StageContract(RuleStage.Listeners)]
public interface IGatewayListenersRule
{
    /// <summary>The served listeners and the status, or null to leave the Gateway to the next rule.</summary>
    GatewayListenerPlan? GatewayListeners(GatewayCapture gateway, TranslationContext context);
}
