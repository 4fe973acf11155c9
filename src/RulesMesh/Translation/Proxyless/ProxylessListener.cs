using Envoy.Config.Core.V3;
using Envoy.Config.Listener.V3;
using Envoy.Extensions.Filters.Http.Router.V3;
using Envoy.Extensions.Filters.Network.HttpConnectionManager.V3;
using Google.Protobuf.WellKnownTypes;
using RulesMesh.Translation.Listeners;

namespace RulesMesh.Translation.Proxyless;

/// <summary>
/// The API listener a gRPC channel to <c>xds:///&lt;host&gt;:&lt;port&gt;</c> reads: an HTTP connection manager in
/// <c>api_listener</c> whose routes come by RDS over ADS, with the router as its one and last HTTP filter (gRPC refuses
/// a router that is not last, or any other final filter).
/// </summary>
public static class ProxylessListener
{
    /// <summary>The listener <paramref name="name"/> reading route configuration <paramref name="routeConfigName"/>.</summary>
    public static Listener Of(string name, string routeConfigName)
    {
        var manager = new HttpConnectionManager
        {
            StatPrefix = name,
            Rds = new Rds
            {
                ConfigSource = new ConfigSource { Ads = new AggregatedConfigSource(), ResourceApiVersion = ApiVersion.V3 },
                RouteConfigName = routeConfigName,
            },
        };
        manager.HttpFilters.Add(new HttpFilter { Name = WaypointFilters.RouterFilterName, TypedConfig = Any.Pack(new Router()) });
        return new Listener { Name = name, ApiListener = new ApiListener { ApiListener_ = Any.Pack(manager) } };
    }
}
