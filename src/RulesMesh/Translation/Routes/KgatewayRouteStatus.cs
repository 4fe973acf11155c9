using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// kgateway writes a route's parent statuses as its controller (<see cref="EngineSettings.KgatewayControllerName"/>), with
/// its <c>kgateway.dev/Programmed</c> condition.
/// </summary>
[Rule("kgateway.routes.status", Order = 500,
    Description = "Route statuses are written as kgateway's controller: Accepted, ResolvedRefs and kgateway.dev/Programmed per parent.")]
public sealed class KgatewayRouteStatus : IRouteStatusRule
{
    /// <inheritdoc />
    public object? RouteStatus(string kind, IReadOnlyList<RouteParentStatus> parents, EngineSettings settings)
        => RouteStatusWriter.Write(kind, parents, RouteStatusController.Kgateway(settings.KgatewayControllerName));
}
