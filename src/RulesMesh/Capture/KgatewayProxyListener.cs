using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;

namespace RulesMesh.Capture;

/// <summary>
/// kgateway's waypoint translator (docs/spec/kgateway-waypoint.md §5.1): a waypoint serves its <b>first</b> <c>istio.io/PROXY</c> listener, which
/// supports HTTPRoute (narrowed by <c>allowedRoutes.kinds</c>); every other listener supports nothing and is not
/// accepted. Without a PROXY listener the Gateway is not accepted and produces no output.
/// </summary>
/// <remarks>
/// Only Gateways of the waypoint class (<see cref="KgatewayWaypointClass"/>) reach this translator; others are left to
/// the next rule. Conditions the translator does not set are filled with their healthy values, as kgateway's reporter
/// does, so a rejected listener still reads <c>Programmed=True</c>; the goldens pin only the all-healthy case.
/// <c>attachedRoutes</c> is 0 in every kgateway waypoint golden, including the one with a Gateway-parented route.
/// </remarks>
[Rule("kgateway.listeners.proxy-protocol", Order = 100, Profile = "kgateway",
    Description = "A waypoint serves its first istio.io/PROXY listener and rejects the others; without one the Gateway is not accepted.")]
public sealed class KgatewayProxyListener : IWaypointListenerRule
{
    /// <summary>The listener protocol of ztunnel's PROXY-protocol hand-over (kgateway's <c>IstioPROXYProtocol</c>).</summary>
    public const string ProxyProtocol = "istio.io/PROXY";

    /// <summary>Why a listener other than the served PROXY listener is not accepted (kgateway's exact text).</summary>
    public const string OnlyProxyListenerMessage = "Only a 'istio.io/PROXY' listener is allowed for kgateway-waypoint Gateways.";

    /// <summary>Why a Gateway without a PROXY listener is not accepted (kgateway's exact text, typo included).</summary>
    public const string NoProxyListenerMessage = "Must contain at one listener with the protocol 'istio.io/PROXY'";

    /// <summary>The class kgateway's waypoint translator handles unless the run configures another; see <see cref="KgatewayWaypointClass"/>.</summary>
    private const string DefaultWaypointClass = "kgateway-waypoint";

    /// <inheritdoc />
    public ListenerVerdict? Evaluate(Gateway gateway, RuleContext context)
    {
        if (gateway.Spec.GatewayClassName != (context.Settings.WaypointClassName ?? DefaultWaypointClass))
        {
            return null;
        }

        var generation = GatewayConditions.ObservedGeneration(gateway);
        var served = gateway.Spec.Listeners.FirstOrDefault(static listener => listener.Protocol == ProxyProtocol);
        var listeners = gateway.Spec.Listeners
            .Select(listener => ReferenceEquals(listener, served) ? Served(listener, generation) : Rejected(listener, generation))
            .ToList();
        var conditions = served is null
            ? KgatewayStatusDefaults.Gateway(generation, GatewayConditions.Create("Accepted", false, "ListenersNotValid", NoProxyListenerMessage, generation))
            : KgatewayStatusDefaults.Gateway(generation);
        return new ListenerVerdict(served?.Name, served?.Port ?? 0, new GatewayStatus { Conditions = conditions, Listeners = listeners });
    }

    private static GatewayStatusListener Served(GatewayListener listener, long? generation) => new()
    {
        Name = listener.Name,
        SupportedKinds = SupportedRouteKinds.For(listener, "HTTPRoute"),
        AttachedRoutes = 0,
        Conditions = KgatewayStatusDefaults.Listener(generation),
    };

    private static GatewayStatusListener Rejected(GatewayListener listener, long? generation) => new()
    {
        Name = listener.Name,
        SupportedKinds = [],
        AttachedRoutes = 0,
        Conditions = KgatewayStatusDefaults.Listener(generation, GatewayConditions.Create("Accepted", false, "Invalid", OnlyProxyListenerMessage, generation)),
    };
}
