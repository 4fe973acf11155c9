using static RulesMesh.Tests.Translation.Routes.RouteHarness;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>GRPCRoutes attached to a service translate like HTTPRoutes, their method matches as paths (Gateway API GRPCRoute semantics).</summary>
public sealed class GrpcRouteRuleTests
{
    private static IReadOnlyList<Envoy.Config.Route.V3.Route> WithRules(string rules)
    {
        var indented = string.Join("\n", rules.Split('\n').Select(line => "  " + line));
        return RoutesOfSvcA(Translate(WaypointMesh + TwoServices + $"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata:
              name: g
              namespace: infra
            spec:
              parentRefs:
              - group: ""
                kind: Service
                name: svc-a
              rules:
            {indented}
            """));
    }

    [Theory]
    [InlineData("service: shop.Cart\nmethod: Add", """{"path": "/shop.Cart/Add"}""")]
    [InlineData("service: shop.Cart", """{"pathSeparatedPrefix": "/shop.Cart"}""")]
    [InlineData("method: Add", """{"safeRegex": {"regex": "/[^/]+/Add"}}""")]
    [InlineData("type: RegularExpression\nservice: shop\\..*\nmethod: Add.*", """{"safeRegex": {"regex": "/shop\\..*/Add.*"}}""")]
    [InlineData("type: RegularExpression\nmethod: Get", """{"safeRegex": {"regex": "/[^/]+/Get"}}""")]
    public void Method_matches_become_path_matches(string method, string expected)
    {
        var route = Assert.Single(WithRules($"""
            - matches:
              - method:
                  {method.Replace("\n", "\n      ", StringComparison.Ordinal)}
              backendRefs:
              - name: svc-a
                port: 5000
            """));

        AssertJson(expected, route.Match);
    }

    [Fact]
    public void Header_matches_filters_and_backends_carry_over_and_names_say_grpcroute()
    {
        var route = Assert.Single(WithRules("""
            - matches:
              - headers:
                - name: x-tenant
                  value: blue
              filters:
              - type: RequestHeaderModifier
                requestHeaderModifier:
                  add:
                  - name: x-via
                    value: waypoint
              backendRefs:
              - name: svc-a
                port: 5000
                weight: 2
              - name: svc-b
                port: 9000
            """));

        AssertJson("""
            {
              "name": "http_routes_svc-a_infra-route-0-grpcroute-g-infra-0-0-matcher-0",
              "match": {"prefix": "/", "headers": [{"name": "x-tenant", "stringMatch": {"exact": "blue"}}]},
              "requestHeadersToAdd": [{"header": {"key": "x-via", "value": "waypoint"}}],
              "route": {
                "weightedClusters": {"clusters": [{"name": "kube_infra_svc-a_5000", "weight": 2}, {"name": "kube_infra_svc-b_9000", "weight": 1}]},
                "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR"
              }
            }
            """, route);
    }
}
