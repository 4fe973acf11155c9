using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using RulesMesh.Rules;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// kgateway's waypoint listener (docs/spec/kgateway-waypoint.md §5.1): <c>proxy_protocol_inbound</c> on <c>[::]</c> (IPv4-compatible) at the
/// served PROXY listener's port, with the PROXY-protocol listener filter that reads ztunnel's peer identity TLV, around
/// the service chains.
/// </summary>
/// <remarks>
/// Where RulesMesh differs (docs/spec/kgateway-waypoint.md §9.3): chains that claim the same VIP and port (a Service and a ServiceEntry sharing a
/// VIP) would make Envoy reject the listener. The older service keeps the shared prefix, then the one with the smaller
/// kind, namespace and name; the other loses that prefix, and its whole chain when no prefix is left. Each conflict is
/// reported as a warning.
/// </remarks>
[Rule("kgateway.listeners.waypoint-listener", Order = 300,
    Description = "The waypoint listener proxy_protocol_inbound listens on [::] at the PROXY listener's port with the PROXY-protocol filter; chains claiming the same VIP and port are settled, older service first.")]
public sealed class KgatewayWaypointListener : IWaypointListenerBuildRule
{
    /// <inheritdoc />
    public Listener? WaypointListener(WaypointListenerRequest request, TranslationContext context)
    {
        var subject = $"Gateway {request.Waypoint.Name}";
        // The served listener is the listener stage's verdict; this rule does not second-guess which listener that is.
        if (request.Waypoint.Listener is not { ListenerName: not null, Port: var port })
        {
            context.Warn(new TranslationWarning(subject, "no listener rule chose a listener for this waypoint; no Envoy listener is built.") { Resource = context.KeyOf(request.Waypoint.Gateway) });
            return null;
        }

        var chains = FilterChainConflicts.Resolve(request.Chains, (service, message) => context.Warn(service.Key, null, message));
        if (chains.Count == 0)
        {
            return null;
        }

        var listener = new Listener
        {
            Name = WaypointFilters.ListenerName,
            Address = new Address { SocketAddress = new SocketAddress { Address = "::", PortValue = (uint)port, Ipv4Compat = true } },
        };
        listener.ListenerFilters.Add(WaypointFilters.ProxyProtocolListenerFilter());
        listener.FilterChains.AddRange(chains);
        return listener;
    }
}
