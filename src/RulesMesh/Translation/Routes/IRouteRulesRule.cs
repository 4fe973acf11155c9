using Envoy.Config.Route.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>Routes stage: the Envoy routes of one attached HTTPRoute or GRPCRoute.</summary>
[StageContract(RuleStage.Routes)]
public interface IRouteRulesRule
{
    /// <summary>The routes, or null when the rule does not handle this route's kind.</summary>
    IReadOnlyList<Route>? RouteRules(RouteRulesRequest request, TranslationContext context);
}
