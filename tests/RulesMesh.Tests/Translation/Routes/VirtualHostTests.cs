using static RulesMesh.Tests.Translation.Routes.RouteHarness;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>The virtual host of each HTTP chain (docs/spec/kgateway-waypoint.md §4, §5.2): the default one per port, or the service's shared routes one.</summary>
public sealed class VirtualHostTests
{
    [Fact]
    public void A_service_without_routes_gets_a_default_virtual_host_per_port_sending_everything_to_that_ports_backend()
    {
        var snapshot = Translate(WaypointMesh + Service("multi", "3.3.3.3", 8080, 9090));

        AssertJson("""
            {
              "name": "vh_http_8080_multi_infra",
              "domains": ["*"],
              "routes": [{
                "name": "vh_http_8080_multi_infra-route-0-matcher-0",
                "match": {"prefix": "/"},
                "route": {"cluster": "kube_infra_multi_8080", "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR"}
              }]
            }
            """, VirtualHost(snapshot, "fc_http_8080_multi_infra"));
        Assert.Equal("kube_infra_multi_9090", VirtualHost(snapshot, "fc_http_9090_multi_infra").Routes[0].Route_.Cluster);
    }

    [Fact]
    public void The_default_virtual_host_of_a_ServiceEntry_is_named_after_its_first_host_and_sends_to_that_hosts_cluster()
    {
        var snapshot = Translate(WaypointMesh + ServiceEntry("se-a", "1.1.1.1", 5000, "first.example.com", "second.example.com"));

        AssertJson("""
            {
              "name": "vh_http_5000_se-a_infra_first_example_com",
              "domains": ["*"],
              "routes": [{
                "name": "vh_http_5000_se-a_infra_first.example.com-route-0-matcher-0",
                "match": {"prefix": "/"},
                "route": {"cluster": "istio-se_infra_se-a_first.example.com_5000", "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR"}
              }]
            }
            """, VirtualHost(snapshot, "fc_http_5000_se-a_infra"));
    }

    [Fact]
    public void A_service_with_routes_shares_one_virtual_host_across_its_ports()
    {
        var snapshot = Translate(WaypointMesh + Service("multi", "3.3.3.3", 8080, 9090) + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: r
              namespace: infra
            spec:
              parentRefs:
              - group: ""
                kind: Service
                name: multi
              rules:
              - backendRefs:
                - name: multi
                  port: 9090
            """);

        var first = VirtualHost(snapshot, "fc_http_8080_multi_infra");
        var second = VirtualHost(snapshot, "fc_http_9090_multi_infra");
        Assert.Equal("http_routes_multi_infra", first.Name);
        Assert.Equal(first, second);
        Assert.Equal("kube_infra_multi_9090", Assert.Single(first.Routes).Route_.Cluster);
        // One status for the route, however many ports share the virtual host.
        Assert.Single(Parents(snapshot, "r"));
    }

    [Fact]
    public void Route_numbers_run_across_every_rule_and_match_of_every_route_of_the_virtual_host()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: first
              namespace: infra
            spec:
              parentRefs:
              - name: example-waypoint
              rules:
              - matches:
                - path: {type: PathPrefix, value: /a}
                - path: {type: PathPrefix, value: /b}
                backendRefs:
                - name: svc-a
                  port: 5000
              - matches:
                - path: {type: Exact, value: /c}
                backendRefs:
                - name: svc-b
                  port: 9000
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: second
              namespace: infra
            spec:
              parentRefs:
              - group: ""
                kind: Service
                name: svc-a
              rules:
              - backendRefs:
                - name: svc-a
                  port: 5000
            """);

        Assert.Equal(
            [
                "http_routes_svc-a_infra-route-0-httproute-first-infra-0-0-matcher-0",
                "http_routes_svc-a_infra-route-1-httproute-first-infra-0-1-matcher-0",
                "http_routes_svc-a_infra-route-2-httproute-first-infra-1-0-matcher-0",
                "http_routes_svc-a_infra-route-3-httproute-second-infra-0-0-matcher-0",
            ],
            RoutesOfSvcA(snapshot).Select(r => r.Name));
    }

    [Fact]
    public void A_ServiceEntry_with_dots_in_its_name_gets_a_sanitized_virtual_host_name_and_unsanitized_route_names()
    {
        var snapshot = Translate(WaypointMesh + ServiceEntry("api.v1", "1.1.1.1", 5000, "api.example.com") + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: r
              namespace: infra
            spec:
              parentRefs:
              - group: networking.istio.io
                kind: ServiceEntry
                name: api.v1
              rules:
              - backendRefs:
                - group: networking.istio.io
                  kind: Hostname
                  name: api.example.com
                  port: 5000
            """);

        var host = VirtualHost(snapshot, "fc_http_5000_api.v1_infra");
        Assert.Equal("http_routes_api_v1_infra", host.Name);
        Assert.Equal("http_routes_api.v1_infra-route-0-httproute-r-infra-0-0-matcher-0", Assert.Single(host.Routes).Name);
    }
}
