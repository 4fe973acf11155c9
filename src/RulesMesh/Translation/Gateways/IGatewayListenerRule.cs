using Envoy.Config.Listener.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Gateways;

/// <summary>Listeners stage: the Envoy listener of one port of an ordinary Gateway.</summary>
[StageContract(RuleStage.Listeners)]
public interface IGatewayListenerRule
{
    /// <summary>The listener, or null to leave it to the next rule.</summary>
    Listener? GatewayListener(GatewayPortRequest request, TranslationContext context);
}
