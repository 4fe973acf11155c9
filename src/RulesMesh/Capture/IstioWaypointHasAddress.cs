using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Istio: any Gateway with a non-empty <c>status.addresses</c> is a waypoint candidate, whatever its class
/// (docs/spec/istio-gatewayapi.md §6.2); the address appears once the waypoint's Deployment has a ready pod.
/// </summary>
/// <remarks>
/// Where the <c>istio</c> profile differs from kgateway:
/// <list type="bullet">
/// <item>No GatewayClass test: kgateway's class rule is not in this profile, and the run's
/// <see cref="EngineSettings.WaypointClassName"/> does not decide which Gateways are waypoints.</item>
/// <item>A waypoint named by the object's own label must exist and be ready; if not, the object gets no waypoint and
/// istiod does <b>not</b> fall back to the namespace label (<see cref="IstioObjectUseWaypointLabel"/>).</item>
/// <item>The waypoint's listener (the one the <c>ambient.istio.io/waypoint-inbound-binding</c> annotation, on the Gateway
/// or else its GatewayClass, names; else HBONE on 15008) must admit the object's namespace through
/// <c>allowedRoutes.namespaces</c>, <c>Same</c> by default (<see cref="IstioWaypointBinding"/>).</item>
/// <item>The traffic type is read from <c>istio.io/waypoint-for</c> on the Gateway, else on its GatewayClass, else
/// <c>service</c> (<see cref="IstioWaypointFor"/>); a service naming a waypoint that takes no service traffic gets none.</item>
/// <item>A waypoint's or east-west gateway's own Service never uses a waypoint (<see cref="IstioGatewayServiceOptOut"/>).</item>
/// <item>Not implemented, since they need mesh configuration the run does not have: <c>serviceEntryVisibility</c>
/// (<c>CrossNamespaceWaypointForbidden</c>) and canary waypoints.</item>
/// </list>
/// </remarks>
[Rule("istio.waypoint.has-address", Order = 10, Profile = "istio",
    Description = "Any Gateway with status.addresses is a waypoint, whatever its class.")]
public sealed class IstioWaypointHasAddress : IWaypointRule
{
    /// <inheritdoc />
    public GateVerdict Evaluate(Gateway gateway, RuleContext context)
        => gateway.Status?.Addresses is { Count: > 0 } addresses
            ? GateVerdict.Pass($"it has status address {addresses[0].Value}, so istiod treats it as a waypoint")
            : GateVerdict.Fail("it has no status.addresses, so istiod does not treat it as a waypoint (its Deployment has no ready pod yet)");
}
