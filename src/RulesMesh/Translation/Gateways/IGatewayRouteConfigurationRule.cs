using Envoy.Config.Route.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Gateways;

/// <summary>Routes stage: the route configuration (virtual hosts and routes) of one port of an ordinary Gateway.</summary>
[StageContract(RuleStage.Routes)]
public interface IGatewayRouteConfigurationRule
{
    /// <summary>The route configuration, or null to leave it to the next rule.</summary>
    RouteConfiguration? GatewayRouteConfiguration(GatewayPortRequest request, TranslationContext context);
}
