using RulesMesh.Capture;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>Routes stage: the routes parented to the waypoint Gateway, which apply to every captured service.</summary>
[StageContract(RuleStage.Routes)]
public interface IGatewayRoutesRule
{
    /// <summary>The attached routes, or null to leave it to the next rule.</summary>
    IReadOnlyList<AttachedRoute>? GatewayRoutes(GatewayCapture waypoint, TranslationContext context);
}
