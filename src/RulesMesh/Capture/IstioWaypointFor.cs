using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Istio: a Gateway is a waypoint when its traffic type, from <c>istio.io/waypoint-for</c> on the Gateway or else on its
/// GatewayClass, is <c>service</c> (the default), <c>workload</c> or <c>all</c>; services bind only to one for
/// <c>service</c> or <c>all</c> (<see cref="IstioWaypointBinding"/>), workloads only to one for <c>workload</c> or
/// <c>all</c> (<see cref="IstioWorkloadWaypoint"/>). kgateway reads the Gateway's label only.
/// </summary>
[Rule("istio.waypoint.for-services", Order = 20, Profile = "istio", Replaces = "waypoint.for-services",
    Description = "A Gateway is a waypoint when istio.io/waypoint-for, on the Gateway or else its GatewayClass, is service (the default), workload or all.")]
public sealed class IstioWaypointFor : IWaypointRule
{
    /// <inheritdoc />
    public GateVerdict Evaluate(Gateway gateway, RuleContext context)
    {
        var trafficType = IstioTrafficType.Of(gateway, context);
        return trafficType.TakesServices ? GateVerdict.Pass($"{trafficType.Source}, so it captures services")
            : trafficType.Value == "workload" ? GateVerdict.Pass($"{trafficType.Source}, so it serves the workloads bound to it and captures no services")
            : GateVerdict.Fail($"{trafficType.Source}; only service, workload or all make a waypoint");
    }
}
