using RulesMesh.Rules;

namespace RulesMesh.Translation.Routes;

/// <summary>
/// istiod writes the statuses of mesh routes as its mesh controller (<c>istio.io/mesh-controller</c>, the controller of
/// Service and ServiceEntry parents and of the <c>istio-waypoint</c> class): Accepted and ResolvedRefs per parent,
/// "Route was valid" and "All references resolved" when they hold, and no Programmed condition.
/// </summary>
[Rule("istio.routes.status", Order = 500, Profile = "istio", Replaces = "kgateway.routes.status",
    Description = "Route statuses are written as istiod's mesh controller (istio.io/mesh-controller): Accepted and ResolvedRefs per parent.")]
public sealed class IstioRouteStatus : IRouteStatusRule
{
    /// <inheritdoc />
    public object? RouteStatus(string kind, IReadOnlyList<RouteParentStatus> parents, EngineSettings settings) => RouteStatusWriter.Write(kind, parents, RouteStatusController.IstioMesh);
}
