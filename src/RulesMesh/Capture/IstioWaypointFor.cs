using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Istio: a waypoint captures services when its traffic type, from <c>istio.io/waypoint-for</c> on the Gateway or else
/// on its GatewayClass, is <c>service</c> (the default) or <c>all</c>. kgateway reads the Gateway's label only.
/// </summary>
[Rule("istio.waypoint.for-services", Order = 20, Profile = "istio", Replaces = "waypoint.for-services",
    Description = "A waypoint captures services when istio.io/waypoint-for, on the Gateway or else its GatewayClass, is service (the default) or all.")]
public sealed class IstioWaypointFor : IWaypointRule
{
    /// <inheritdoc />
    public GateVerdict Evaluate(Gateway gateway, RuleContext context)
    {
        var trafficType = IstioTrafficType.Of(gateway, context);
        return trafficType.TakesServices
            ? GateVerdict.Pass($"{trafficType.Source}, so it captures services")
            : GateVerdict.Fail($"{trafficType.Source}; only service or all capture services");
    }
}
