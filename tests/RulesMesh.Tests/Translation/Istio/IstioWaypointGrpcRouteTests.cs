using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// GRPCRoutes on a waypoint's service chains (docs/spec/istio-waypoint-output.md §4.1, §4.2): they merge with the
/// HTTPRoutes of the same VirtualService key, their method matches become path matches as the Gateway API defines them
/// (<c>/&lt;service&gt;/&lt;method&gt;</c>), and a rule without matches sorts last and ends its VirtualService. Expected
/// values are written from the spec.
/// </summary>
public sealed class IstioWaypointGrpcRouteTests
{
    private const string CatalogChain = "inbound-vip|9090|http|catalog.shop.svc.cluster.local";

    private static readonly string Catalog = Service("catalog", "10.96.0.60", "[{ name: grpc, port: 9090 }]");

    [Fact]
    public void AGrpcRouteMergesWithTheHttpRoutesOfItsServiceAndItsMatchesSortAsPathMatches()
    {
        var snapshot = TranslateIstio(Waypoint + Catalog + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: web, namespace: shop, creationTimestamp: "2026-01-01T00:00:01Z" }
            spec:
              parentRefs: [{ group: "", kind: Service, name: catalog }]
              rules: [{ matches: [{ path: { type: PathPrefix, value: /api } }], backendRefs: [{ name: catalog, port: 9090 }] }]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: { name: rpc, namespace: shop, creationTimestamp: "2026-01-01T00:00:02Z" }
            spec:
              parentRefs: [{ group: "", kind: Service, name: catalog }]
              rules:
              - matches: [{ method: { service: pkg.Catalog, method: Get } }]
                backendRefs: [{ name: catalog, port: 9090 }]
              - matches: [{ method: { service: pkg.Catalog } }]
                backendRefs: [{ name: catalog, port: 9090 }]
              - matches: [{ method: { method: Watch } }]
                backendRefs: [{ name: catalog, port: 9090 }]
              - backendRefs: [{ name: catalog, port: 9090 }]
            """);

        var routes = RouteConfig(snapshot, CatalogChain).VirtualHosts.Single().Routes;
        Assert.Equal(["shop.rpc.0", "shop.rpc.1", "shop.web.0", "shop.rpc.2", "shop.rpc.3"], routes.Select(static r => r.Name));

        Assert.Equal("/pkg.Catalog/Get", routes[0].Match.Path);
        Assert.True(routes[0].Match.CaseSensitive);
        Assert.Equal(CatalogChain, routes[0].Route_.Cluster);
        Assert.Equal("catalog.shop.svc.cluster.local:9090/pkg.Catalog/Get", routes[0].Decorator.Operation);
        Assert.Equal(
            "/apis/networking.istio.io/v1/namespaces/shop/virtual-service/shop~catalog.shop.svc.cluster.local",
            routes[0].Metadata.FilterMetadata["istio"].Fields["config"].StringValue);
        Assert.Equal("/pkg.Catalog", routes[1].Match.PathSeparatedPrefix);
        Assert.Equal("/api", routes[2].Match.PathSeparatedPrefix);
        Assert.Equal("/[^/]+/Watch", routes[3].Match.SafeRegex.Regex);
        Assert.Equal("/", routes[4].Match.Prefix);
        Assert.Equal(CatalogChain, routes[4].Route_.Cluster);
    }

    [Fact]
    public void AGrpcRuleWithoutMatchesEndsItsVirtualServiceButNotTheNextOne()
    {
        var snapshot = TranslateIstio(Waypoint + Catalog + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: { name: all, namespace: shop, creationTimestamp: "2026-01-01T00:00:01Z" }
            spec:
              parentRefs: [{ group: "", kind: Service, name: catalog }]
              rules: [{ backendRefs: [{ name: catalog, port: 9090 }] }, { backendRefs: [{ name: catalog, port: 9090 }] }]
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: ported, namespace: shop, creationTimestamp: "2026-01-01T00:00:02Z" }
            spec:
              parentRefs: [{ group: "", kind: Service, name: catalog, port: 9090 }]
              rules: [{ matches: [{ path: { type: Exact, value: /health } }], backendRefs: [{ name: catalog, port: 9090 }] }]
            """);

        var routes = RouteConfig(snapshot, CatalogChain).VirtualHosts.Single().Routes;
        Assert.Equal(["shop.all.0", "shop.ported.0"], routes.Select(static r => r.Name));
        Assert.Equal(
            "/apis/networking.istio.io/v1/namespaces/shop/virtual-service/shop~9090~catalog.shop.svc.cluster.local",
            routes[1].Metadata.FilterMetadata["istio"].Fields["config"].StringValue);
    }

    [Fact]
    public void AGrpcMatchOnHeadersAloneMatchesEveryPathAndIsNoCatchAll()
    {
        var snapshot = TranslateIstio(Waypoint + Catalog + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: { name: tenant, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: catalog }]
              rules:
              - matches: [{ headers: [{ name: x-tenant, value: blue }] }]
                backendRefs: [{ name: catalog, port: 9090 }]
              - matches: [{ method: { service: pkg.Catalog, method: Get } }]
                backendRefs: [{ name: catalog, port: 9090 }]
            """);

        var routes = RouteConfig(snapshot, CatalogChain).VirtualHosts.Single().Routes;
        Assert.Equal(["shop.tenant.1", "shop.tenant.0"], routes.Select(static r => r.Name));
        Assert.Equal("/", routes[1].Match.Prefix);
        var header = routes[1].Match.Headers.Single();
        Assert.Equal(("x-tenant", "blue"), (header.Name, header.StringMatch.Exact));
    }
}
