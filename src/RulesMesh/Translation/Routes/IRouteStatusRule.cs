using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// Routes stage: how a route's status is written from its parents' statuses: the controller that reports them and the
/// conditions it sets.
/// </summary>
[StageContract(RuleStage.Routes)]
public interface IRouteStatusRule
{
    /// <summary>
    /// The status of a route of <paramref name="kind"/> (an <c>HTTPRouteStatus</c>, <c>GRPCRouteStatus</c>,
    /// <c>TCPRouteStatus</c> or <c>TLSRouteStatus</c>) from its parents' statuses in report order, or null to leave it
    /// to the next rule. <paramref name="settings"/> are the run's (the controller name a deployment uses, say).
    /// </summary>
    object? RouteStatus(string kind, IReadOnlyList<RouteParentStatus> parents, EngineSettings settings);
}
