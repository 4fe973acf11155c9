using RulesMesh.Capture;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Policy;

/// <summary>
/// kgateway's ingress through the waypoint (docs/spec/kgateway-waypoint.md §2.6): when the proxy asking for configuration
/// (<c>--client-pod</c>) is ambient-redirected (<c>ambient.istio.io/redirection: enabled</c>), serves an existing Gateway
/// that is not of the waypoint class, and the backend's service or its namespace carries <c>istio.io/ingress-use-waypoint: "true"</c>
/// and a waypoint captures the service, the cluster becomes STATIC with the service's VIPs at the service port
/// (<see cref="IngressUseWaypoint.RouteToVips"/>). It runs last, over whatever the other policies set. The VIPs are read
/// on every translation, so a VIP that changes only in a ServiceEntry's status changes the cluster.
/// </summary>
[Rule("kgateway.policy.ingress-use-waypoint", Order = 400,
    Description = "For an ambient-redirected ingress Gateway, a waypoint-captured service labelled istio.io/ingress-use-waypoint: \"true\" (or in such a namespace) gets a STATIC cluster to its VIPs, so traffic enters the mesh through the waypoint.")]
[AppliesTo("networking.istio.io", "ServiceEntry")]
[AppliesTo("", "Service")]
public sealed class KgatewayIngressUseWaypoint : IBackendPolicyRule
{
    /// <inheritdoc />
    public void ApplyBackendPolicy(BackendPolicyRequest request, TranslationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var service = request.Backend.Service;
        if (context.Settings.ClientLabels?.GetValueOrDefault(IngressUseWaypoint.RedirectionLabel) == "enabled"
            && IngressUseWaypoint.LabelValue(service, context) == "true"
            && ClientIsIngressGateway(context)
            && IngressUseWaypoint.IsCaptured(service, context))
        {
            IngressUseWaypoint.RouteToVips(request.Cluster, request.Backend);
        }
    }

    // kgateway asks whether the client's Gateway exists and is not of the waypoint class (§2.6 step 3), not whether it
    // passes as a waypoint: a waypoint-class Gateway that serves no services (istio.io/waypoint-for: workload) is still
    // a waypoint proxy, and VIP clusters would send its traffic back to itself.
    private static bool ClientIsIngressGateway(TranslationContext context)
        => IngressUseWaypoint.ClientGateway(context) is { } name
            && context.Store.Get<Gateway>(name.Namespace, name.Name) is { } gateway
            && gateway.Spec?.GatewayClassName != (context.Settings.WaypointClassName ?? KgatewayWaypointClass.ClassName);
}
