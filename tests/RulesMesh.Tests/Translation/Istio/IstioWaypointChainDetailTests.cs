using Envoy.Config.Route.V3;
using Envoy.Extensions.Filters.Http.GrpcWeb.V3;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// Details of the waypoint's HTTP chains and <c>connect_originate</c> (docs/spec/istio-waypoint-output.md §2.2, §2.3,
/// §4.3), expected values written by hand: <c>grpc_web</c> on GRPC-Web ports only, the decorator of
/// <c>direct-http</c>'s default route, and no access log on <c>connect_originate</c> while the input configures none.
/// </summary>
public sealed class IstioWaypointChainDetailTests
{
    private static readonly string Ports = Service("web", "10.96.0.30", "[{ name: grpc-web, port: 8080 }, { name: grpc, port: 9090 }]");

    [Fact]
    public void AGrpcWebPortsChainHasTheGrpcWebFilterAfterAuthorizationAndBeforeGrpcStats()
    {
        var snapshot = TranslateIstio(Waypoint + Ports);

        var filters = Manager(Chain(snapshot, "inbound-vip|8080|http|web.shop.svc.cluster.local")).HttpFilters;
        Assert.Equal(
            ["envoy.filters.http.grpc_web", "envoy.filters.http.grpc_stats", "envoy.filters.http.fault", "envoy.filters.http.cors", "waypoint_upstream_peer_metadata", "istio.stats", "envoy.filters.http.router"],
            filters.Select(static f => f.Name));
        Assert.Equal(new GrpcWeb(), filters[0].TypedConfig.Unpack<GrpcWeb>());
    }

    [Fact]
    public void OtherHttpPortsAndTheDirectHttpChainHaveNoGrpcWebFilter()
    {
        var snapshot = TranslateIstio(Waypoint + Ports);

        Assert.DoesNotContain(Manager(Chain(snapshot, "inbound-vip|9090|http|web.shop.svc.cluster.local")).HttpFilters, static f => f.Name == "envoy.filters.http.grpc_web");
        Assert.DoesNotContain(Manager(Chain(snapshot, "direct-http")).HttpFilters, static f => f.Name == "envoy.filters.http.grpc_web");
    }

    [Fact]
    public void TheDirectHttpDefaultRouteIsDecoratedWithNoHostAndPortZero()
    {
        var snapshot = TranslateIstio(Waypoint);

        var route = RouteConfig(snapshot, "direct-http").VirtualHosts.Single().Routes.Single();
        Assert.Equal(("default", "encap"), (route.Name, route.Route_.Cluster));
        Assert.Equal(new Decorator { Operation = ":0/*" }, route.Decorator);
    }

    [Fact]
    public void DefaultRouteConfigurationsCarryIstiodsDirectResponseLimitAndRouteBuiltOnesDoNot()
    {
        // §4.3: the default-route builder sets 1 MiB; §2.2: encap is built by it (port 0); §4.2: VirtualService-built ones have none.
        var snapshot = TranslateIstio(Waypoint
            + Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]")
            + Service("ratings", "10.96.0.30", "[{ name: http, port: 9080 }]")
            + """
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: { name: to-reviews, namespace: shop }
                spec:
                  parentRefs: [{ group: "", kind: Service, name: ratings }]
                  rules: [{ backendRefs: [{ name: reviews, port: 9080 }] }]
                ---

                """);

        Assert.Equal(1048576u, RouteConfig(snapshot, "direct-http").MaxDirectResponseBodySizeBytes);
        Assert.Equal(1048576u, RouteConfig(snapshot, "inbound-vip|9080|http|reviews.shop.svc.cluster.local").MaxDirectResponseBodySizeBytes);
        Assert.Null(RouteConfig(snapshot, "inbound-vip|9080|http|ratings.shop.svc.cluster.local").MaxDirectResponseBodySizeBytes);
    }

    [Fact]
    public void ConnectOriginateHasNoAccessLogWithoutMeshAccessLogging()
    {
        var snapshot = TranslateIstio(Waypoint);

        var listener = Listener(snapshot, "connect_originate");
        Assert.Empty(TcpProxy(listener.FilterChains.Single()).AccessLog);
        Assert.Empty(listener.AccessLog);
    }
}
