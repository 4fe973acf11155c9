using Envoy.Config.Route.V3;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// A DestinationRule's consistent hash on the HTTPRoute routes that send to its host (docs/spec/istio-waypoint-output.md
/// §4.2: "The predicate is dropped when a consistent hash applies"; Istio's <c>hashForHTTPDestination</c> as
/// understood): each destination's hash policy on the route action, in destination order, and no retry host predicate.
/// Expected values written by hand.
/// </summary>
public sealed class IstioWaypointRouteHashPolicyTests
{
    private const string ReviewsChain = "inbound-vip|9080|http|reviews.shop.svc.cluster.local";

    private static readonly string Services = Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]")
        + Service("details", "10.96.0.40", "[{ name: http, port: 9080 }]")
        + """
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: details, namespace: shop }
        spec:
          host: details.shop.svc.cluster.local
          trafficPolicy:
            loadBalancer: { consistentHash: { httpCookie: { name: session, path: /, ttl: 60s } } }
        ---

        """;

    private static Route OnlyRoute(string backendRefs)
    {
        var snapshot = TranslateIstio(Waypoint + Services + $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: split, namespace: shop }
            spec:
              parentRefs: [{ group: "", kind: Service, name: reviews }]
              rules:
              - matches: [{ path: { type: PathPrefix, value: /details } }]
                backendRefs: {{backendRefs}}
            """);
        return RouteConfig(snapshot, ReviewsChain).VirtualHosts.Single().Routes.Single();
    }

    [Fact]
    public void ARouteToADestinationWithAConsistentHashHashesAndRetriesWithoutTheHostPredicate()
    {
        var route = OnlyRoute("[{ name: details, port: 9080 }]");

        var expected = new RouteAction.Types.HashPolicy
        {
            Cookie = new RouteAction.Types.HashPolicy.Types.Cookie { Name = "session", Path = "/", Ttl = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(60)) },
        };
        Assert.Equal("inbound-vip|9080|http|details.shop.svc.cluster.local", route.Route_.Cluster);
        Assert.Equal([expected], route.Route_.HashPolicy);
        Assert.Empty(route.Route_.RetryPolicy.RetryHostPredicate);
        Assert.Equal((2u, 5L), (route.Route_.RetryPolicy.NumRetries, route.Route_.RetryPolicy.HostSelectionRetryMaxAttempts));
    }

    [Fact]
    public void WeightedDestinationsAddOnlyTheHashesTheirRulesGive()
    {
        var route = OnlyRoute("[{ name: reviews, port: 9080, weight: 50 }, { name: details, port: 9080, weight: 50 }]");

        Assert.Equal(["session"], route.Route_.HashPolicy.Select(static h => h.Cookie.Name));
        Assert.Empty(route.Route_.RetryPolicy.RetryHostPredicate);
    }

    [Fact]
    public void ARouteToADestinationWithoutAConsistentHashKeepsTheRetryHostPredicate()
    {
        var route = OnlyRoute("[{ name: reviews, port: 9080 }]");

        Assert.Empty(route.Route_.HashPolicy);
        Assert.Equal(["envoy.retry_host_predicates.previous_hosts"], route.Route_.RetryPolicy.RetryHostPredicate.Select(static p => p.Name));
    }
}
