using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// Istio's view of a waypoint's listeners, which differs from kgateway's (<see cref="KgatewayProxyListener"/>): the
/// waypoint serves the listener its <c>ambient.istio.io/waypoint-inbound-binding</c> annotation (on the Gateway, else its
/// GatewayClass) points at, else HBONE on
/// 15008 (docs/spec/istio-gatewayapi.md §6.2). A listener whose protocol is not HBONE is reported <c>UnsupportedProtocol</c>.
/// </summary>
/// <remarks>
/// <para>Only Gateways of the waypoint class (<c>istio-waypoint</c>, or the run's <see cref="EngineSettings.WaypointClassName"/>)
/// get a verdict. A waypoint without the bound listener gets none either: istiod does not make capture depend on
/// listeners (a missing one only means <c>allowedRoutes</c> <c>Same</c>), so such a waypoint still captures.</para>
/// <para>Supported kinds follow the listener protocol as Istio's <c>generateSupportedKinds</c> does (HTTP and HTTPS:
/// HTTPRoute and GRPCRoute; TCP: TCPRoute; TLS: TLSRoute; HBONE and others: none), narrowed by
/// <c>allowedRoutes.kinds</c>. The condition wording (<c>Resource accepted</c>, <c>No errors found</c>, conditions
/// sorted by type) is Istio's usual Gateway status; unlike kgateway's, no golden in this repository pins it.</para>
/// </remarks>
[Rule("istio.listeners.waypoint-binding", Order = 100, Profile = "istio",
    Description = "A waypoint serves the listener its inbound-binding annotation names, else HBONE on 15008; listeners other than HBONE are reported UnsupportedProtocol.")]
public sealed class IstioWaypointListener : IWaypointListenerRule
{
    /// <summary>Istio's waypoint GatewayClass.</summary>
    private const string DefaultWaypointClass = "istio-waypoint";

    private const string NoErrors = "No errors found";

    /// <inheritdoc />
    public ListenerVerdict? Evaluate(Gateway gateway, RuleContext context)
    {
        if (gateway.Spec.GatewayClassName != (context.Settings.WaypointClassName ?? DefaultWaypointClass)
            || IstioBoundListener.Find(gateway, context) is not { } served)
        {
            return null;
        }

        var generation = GatewayConditions.ObservedGeneration(gateway);
        var service = $"{gateway.Metadata.Name}.{gateway.Metadata.NamespaceProperty}.svc.{context.Settings.ClusterDomain}:{served.Port}";
        var status = new GatewayStatus
        {
            Conditions =
            [
                GatewayConditions.Create("Accepted", true, "Accepted", "Resource accepted", generation),
                GatewayConditions.Create("Programmed", true, "Programmed", $"Resource programmed, assigned to service(s) {service}", generation),
            ],
            Listeners = gateway.Spec.Listeners.Select(listener => listener.Protocol == IstioBoundListener.HboneProtocol ? Healthy(listener, generation) : Unsupported(listener, generation)).ToList(),
        };
        return new ListenerVerdict(served.Name, served.Port, status);
    }

    private static GatewayStatusListener Healthy(GatewayListener listener, long? generation) => new()
    {
        Name = listener.Name,
        SupportedKinds = SupportedRouteKinds.For(listener, RouteKindsFor(listener.Protocol)),
        AttachedRoutes = 0,
        Conditions =
        [
            GatewayConditions.Create("Accepted", true, "Accepted", NoErrors, generation),
            GatewayConditions.Create("Conflicted", false, "NoConflicts", NoErrors, generation),
            GatewayConditions.Create("Programmed", true, "Programmed", NoErrors, generation),
            GatewayConditions.Create("ResolvedRefs", true, "ResolvedRefs", NoErrors, generation),
        ],
    };

    /// <summary>A waypoint serves HBONE only: any other listener is not accepted (<c>UnsupportedProtocol</c>) and not programmed.</summary>
    private static GatewayStatusListener Unsupported(GatewayListener listener, long? generation)
    {
        var message = $"protocol {listener.Protocol} is not supported on a waypoint, which serves HBONE only";
        return new()
        {
            Name = listener.Name,
            SupportedKinds = SupportedRouteKinds.For(listener, RouteKindsFor(listener.Protocol)),
            AttachedRoutes = 0,
            Conditions =
            [
                GatewayConditions.Create("Accepted", false, "UnsupportedProtocol", message, generation),
                GatewayConditions.Create("Conflicted", false, "NoConflicts", NoErrors, generation),
                GatewayConditions.Create("Programmed", false, "Invalid", message, generation),
                GatewayConditions.Create("ResolvedRefs", true, "ResolvedRefs", NoErrors, generation),
            ],
        };
    }

    private static string[] RouteKindsFor(string protocol) => protocol switch
    {
        "HTTP" or "HTTPS" => ["HTTPRoute", "GRPCRoute"],
        "TCP" => ["TCPRoute"],
        "TLS" => ["TLSRoute"],
        _ => [],
    };
}
