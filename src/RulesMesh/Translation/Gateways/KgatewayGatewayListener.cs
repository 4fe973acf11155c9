using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using RulesMesh.Rules;
using RulesMesh.Translation.Listeners;

namespace RulesMesh.Translation.Gateways;

/// <summary>
/// kgateway's Envoy listener for an ordinary Gateway's HTTP port: <c>listener~&lt;port&gt;</c> on <c>[::]</c>
/// (IPv4-compatible), all the port's HTTP listeners merged into one filter chain of the same name holding the HTTP
/// connection manager (stat prefix <c>http</c>, remote address used, paths normalized and slashes merged, routes over
/// ADS-backed RDS from the route configuration <c>listener~&lt;port&gt;</c>, then the router).
/// </summary>
[Rule("kgateway.gateways.http-listener", Order = 420,
    Description = "Each port of an ordinary Gateway's HTTP listeners becomes the Envoy listener listener~<port> on [::], one filter chain with the HTTP connection manager over RDS.")]
public sealed class KgatewayGatewayListener : IGatewayListenerRule
{
    /// <inheritdoc />
    public Listener? GatewayListener(GatewayPortRequest request, TranslationContext context)
    {
        if (request.Port is < 1 or > 65535)
        {
            context.Warn(new TranslationWarning($"Gateway {request.Plan.Gateway.Name}", $"port {request.Port} is outside 1-65535; it gets no Envoy listener.") { Resource = context.KeyOf(request.Plan.Gateway.Gateway) });
            return null;
        }

        var name = GatewayNames.Listener(request.Port);
        var listener = new Listener
        {
            Name = name,
            Address = new Address { SocketAddress = new SocketAddress { Address = "::", PortValue = (uint)request.Port, Ipv4Compat = true } },
        };
        listener.FilterChains.Add(new FilterChain { Name = name, Filters = { WaypointFilters.HttpConnectionManager(name, []) } });
        return listener;
    }
}
