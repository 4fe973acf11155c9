using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using RulesMesh.Mesh;
using RulesMesh.Naming;
using RulesMesh.Rules;
using RulesMesh.Translation.Backends;

namespace RulesMesh.Translation.Listeners;

/// <summary>
/// kgateway's per-service, per-port filter chain (docs/spec/kgateway-waypoint.md §5.2): named <c>fc_&lt;http|tcp&gt;_&lt;port&gt;_&lt;name&gt;_&lt;ns&gt;</c>,
/// matching the service port on every VIP. It starts with the PROXY-protocol authority filter; an HTTP port then has
/// the HTTP connection manager (RBAC filters, then the router; routes over RDS from a route configuration of the
/// chain's name holding the port's virtual host), a TCP port its network RBAC filters and a TCP proxy to the port's
/// default backend (the first host's cluster).
/// </summary>
/// <remarks>
/// Where RulesMesh differs (docs/spec/kgateway-waypoint.md §9): network RBAC is emitted on TCP chains (kgateway builds but drops it); a VIP that
/// is neither an IP nor a CIDR is dropped with a warning, and a service left with no valid VIP, or a port outside
/// 1–65535, gets no chain rather than one Envoy would reject or one matching every address.
/// </remarks>
[Rule("kgateway.listeners.service-chain", Order = 200,
    Description = "Each port of a captured service with VIPs gets a filter chain matching the port on its VIPs: PROXY-protocol authority, then RBAC and the HTTP connection manager (RDS) or tcp_proxy.")]
public sealed class KgatewayServiceFilterChain : IFilterChainRule
{
    /// <inheritdoc />
    public ServiceChain? ServiceFilterChain(ServiceChainRequest request, TranslationContext context)
    {
        var service = request.Service;
        var port = request.Port;
        if (port.Port is < 1 or > 65535)
        {
            context.Warn(service.Key, null, $"port {port.Port} is outside 1-65535; it gets no filter chain.");
            return null;
        }

        // The chain keeps its repeated fields to the end: each sized to what it holds (a protobuf list starts at 8).
        var match = new FilterChainMatch { DestinationPort = (uint)port.Port };
        match.PrefixRanges.Capacity = service.Addresses.Count;
        var addresses = service.Addresses;
        for (var i = 0; i < addresses.Count; i++)
        {
            var address = addresses[i];
            if (CidrRanges.Parse(address) is { } range)
            {
                match.PrefixRanges.Add(range);
            }
            else
            {
                context.Warn(service.Key, AddressField(service), $"{AddressField(service)}: '{address}' is not an IP address or CIDR; it is left out of the filter chain match.");
            }
        }

        if (match.PrefixRanges.Count == 0)
        {
            context.Warn(service.Key, null, $"no valid VIP; port {port.Port} gets no filter chain.");
            return null;
        }

        var name = SharesAServiceChainName(request, context) ? WaypointNames.ServiceEntryFilterChain(service, port) : WaypointNames.FilterChain(service, port);
        var chain = new FilterChain { Name = name, FilterChainMatch = match };
        chain.Filters.Capacity = port.IsHttp ? 2 : 2 + request.NetworkAuthorization.Count;
        chain.Filters.Add(WaypointFilters.ProxyProtocolAuthority());
        RouteConfiguration? routes = null;
        if (port.IsHttp)
        {
            chain.Filters.Add(WaypointFilters.HttpConnectionManager(name, request.HttpAuthorization));
            routes = new RouteConfiguration { Name = name, IgnorePortInHostMatching = true };
            if (request.VirtualHost is { } virtualHost)
            {
                routes.VirtualHosts.Capacity = 1;
                // The virtual host rule built this one for this chain, and built messages are not changed afterwards.
                routes.VirtualHosts.Add(virtualHost);
            }
        }
        else
        {
            if (DefaultCluster(service, port, context) is not { } cluster)
            {
                context.Warn(service.Key, null, $"no cluster is named for port {port.Port}; its TCP filter chain is left out.");
                return null;
            }

            // The waypoint's RBAC filters are shared by its chains as they are: built messages are not changed afterwards.
            chain.Filters.AddRange(request.NetworkAuthorization);
            chain.Filters.Add(WaypointFilters.TcpProxy(name, cluster));
        }

        return new ServiceChain(chain, routes, service);
    }

    /// <summary>
    /// The port's default backend: the first backend of the service port (for a ServiceEntry, its first host), or the
    /// name the naming stage gives that backend when the backends stage built none (as kgateway names it regardless).
    /// </summary>
    private static string? DefaultCluster(MeshService service, ServicePort port, TranslationContext context)
    {
        if (BackendIndex.For(context).ForServicePort(service.Key, port.Port) is [var first, ..])
        {
            return first.ClusterName;
        }

        var host = service.Hostnames.Count > 0 ? service.Hostnames[0] : string.Empty;
        return context.Pipeline.Stage<IClusterNameRule>().ClusterName(new BackendTarget(service.Key, port.Port, host), context.Rules);
    }

    /// <summary>
    /// Whether the service is a ServiceEntry named as a Service of its namespace that the same waypoint captures with a
    /// chain of this port and kind: kgateway names both chains, and their route configurations, alike, so the Service's
    /// traffic would take the entry's routes and backends (or the other way round).
    /// </summary>
    private static bool SharesAServiceChainName(ServiceChainRequest request, TranslationContext context)
    {
        var entry = request.Service;
        if (entry.Key.Kind != "ServiceEntry" || entry.Hostnames.Count == 0
            || context.Capture.Service(new ObjectKey(string.Empty, "Service", entry.Namespace, entry.Name)) is not { HasAddresses: true } twin
            || !twin.Decision.Waypoints.Contains(request.Waypoint.Name))
        {
            return false;
        }

        foreach (var port in twin.Service.Ports)
        {
            if (port.Port == request.Port.Port && port.IsHttp == request.Port.IsHttp)
            {
                return true;
            }
        }

        return false;
    }

    private static string AddressField(MeshService service)
        => service.Key.Kind == "Service" ? "spec.clusterIPs" : "spec.addresses";
}
