using RulesMesh.Rules;

namespace RulesMesh.Translation.Listeners;

/// <summary>Listeners stage: the filter chain (and route configuration) of one captured service port.</summary>
[StageContract(RuleStage.Listeners)]
public interface IFilterChainRule
{
    /// <summary>The chain, or null to leave it to the next rule.</summary>
    ServiceChain? ServiceFilterChain(ServiceChainRequest request, TranslationContext context);
}
