using RulesMesh.Rules;

namespace RulesMesh.Translation.Gateways;

/// <summary>Routes stage: the routes attached to each served listener of an ordinary Gateway, with the hostnames they serve there.</summary>
[StageContract(RuleStage.Routes)]
public interface IListenerRoutesRule
{
    /// <summary>The attachments, or null to leave it to the next rule.</summary>
    IReadOnlyList<ListenerRoute>? ListenerRoutes(GatewayListenerPlan plan, TranslationContext context);
}
