using RulesMesh.Mesh;
using RulesMesh.Tests.Translation.Routes;
using static RulesMesh.Tests.Translation.Gateways.GatewayHarness;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>
/// The Envoy listeners of ordinary Gateways (kgateway's gateway translator): one <c>listener~&lt;port&gt;</c> per HTTP
/// port, which Gateways count as ordinary, and the Gateway status.
/// </summary>
public sealed class GatewayListenerTests
{
    [Fact]
    public void An_HTTP_listener_becomes_listener_port_on_all_addresses_with_one_RDS_chain()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices);

        var listener = Assert.Single(snapshot.Listeners);
        RouteHarness.AssertJson("""
            {
              "name": "listener~8080",
              "address": { "socketAddress": { "address": "::", "portValue": 8080, "ipv4Compat": true } },
              "filterChains": [{
                "name": "listener~8080",
                "filters": [{
                  "name": "envoy.filters.network.http_connection_manager",
                  "typedConfig": {
                    "@type": "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
                    "statPrefix": "http",
                    "rds": { "configSource": { "ads": {}, "resourceApiVersion": "V3" }, "routeConfigName": "listener~8080" },
                    "httpFilters": [{ "name": "envoy.filters.http.router", "typedConfig": { "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router" } }],
                    "useRemoteAddress": true,
                    "normalizePath": true,
                    "mergeSlashes": true
                  }
                }]
              }]
            }
            """, listener);
    }

    [Fact]
    public void A_port_without_routes_still_gets_its_empty_route_configuration()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices);

        RouteHarness.AssertJson("""{ "name": "listener~8080", "ignorePortInHostMatching": true }""", Assert.Single(snapshot.Routes));
        Assert.Equal(0, ListenerStatus(snapshot, "http").AttachedRoutes);
    }

    [Fact]
    public void Two_listeners_on_two_ports_give_two_listeners_and_two_route_configurations()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080), Listener("admin", 9090))
            + TwoServices
            + HttpRoute("both", [Parent()])
            + HttpRoute("admin-only", [Parent(section: "admin")], rules: ["{backendRefs: [{name: svc-b, port: 9000}]}"]));

        Assert.Equal(["listener~8080", "listener~9090"], snapshot.Listeners.Select(l => l.Name));
        Assert.Equal(["listener~8080", "listener~9090"], snapshot.Routes.Select(r => r.Name));
        Assert.Equal(["listener~8080~*-route-0-httproute-both-gwtest-0-0-matcher-0"], VirtualHost(snapshot, "listener~8080~*").Routes.Select(r => r.Name));
        Assert.Equal(
            // Equal precedence: the routes' order, by namespace and name (neither has a creation time).
            ["listener~9090~*-route-0-httproute-admin-only-gwtest-0-0-matcher-0", "listener~9090~*-route-1-httproute-both-gwtest-0-0-matcher-0"],
            VirtualHost(snapshot, "listener~9090~*", "listener~9090").Routes.Select(r => r.Name));
        Assert.Equal(1, ListenerStatus(snapshot, "http").AttachedRoutes);
        Assert.Equal(2, ListenerStatus(snapshot, "admin").AttachedRoutes);
    }

    [Fact]
    public void HTTP_listeners_sharing_a_port_merge_into_one_listener_and_one_route_configuration()
    {
        var snapshot = Translate(Gateway("gw", Listener("a", 8080, hostname: "a.example.com"), Listener("b", 8080, hostname: "b.example.com"))
            + TwoServices
            + HttpRoute("to-a", [Parent(section: "a")])
            + HttpRoute("to-b", [Parent(section: "b")], rules: ["{backendRefs: [{name: svc-b, port: 9000}]}"]));

        var listener = Assert.Single(snapshot.Listeners);
        Assert.Single(listener.FilterChains);
        Assert.Equal(["listener~8080~a_example_com", "listener~8080~b_example_com"], RouteConfiguration(snapshot).VirtualHosts.Select(v => v.Name));
        Assert.Equal("kube_gwtest_svc-b_9000", VirtualHost(snapshot, "listener~8080~b_example_com").Routes.Single().Route_.Cluster);
    }

    [Fact]
    public void A_healthy_Gateway_is_accepted_and_programmed_and_its_HTTP_listener_supports_HTTPRoute_and_GRPCRoute()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + HttpRoute("r", [Parent()]));

        var status = GatewayStatus(snapshot);
        Assert.Equal([("Accepted", "True"), ("Programmed", "True"), ("ResolvedRefs", "True")], status.Conditions!.Select(c => (c.Type, c.Status)));
        var listener = ListenerStatus(snapshot, "http");
        Assert.Equal(["HTTPRoute", "GRPCRoute"], listener.SupportedKinds!.Select(k => k.Kind));
        Assert.Equal(1, listener.AttachedRoutes);
        Assert.Equal(
            [("Accepted", "True", "Accepted"), ("Conflicted", "False", "NoConflicts"), ("ResolvedRefs", "True", "ResolvedRefs"), ("Programmed", "True", "Programmed")],
            Conditions(listener));
    }

    [Fact]
    public void Another_protocol_is_not_accepted_and_gets_no_listener_with_a_warning()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080), Listener("tcp", 9000, protocol: "TCP")) + TwoServices);

        Assert.Equal(["listener~8080"], snapshot.Listeners.Select(l => l.Name));
        var tcp = ListenerStatus(snapshot, "tcp");
        Assert.Contains(("Accepted", "False", "UnsupportedProtocol"), Conditions(tcp));
        Assert.Empty(tcp.SupportedKinds!);
        Assert.Contains(snapshot.Warnings, w => w.Subject == "Gateway gwtest/gw" && w.Message.Contains("TCP", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Gateway_with_no_valid_listener_is_not_accepted()
    {
        // The Gateway CRD's CEL rules refuse a TLS listener without tls.mode at load: this proves the translator's own check.
        var snapshot = Translate(Gateway("gw", Listener("tls", 8443, protocol: "TLS")) + TwoServices, validateSchemas: false);

        Assert.Empty(snapshot.Listeners);
        var accepted = GatewayStatus(snapshot).Conditions!.Single(c => c.Type == "Accepted");
        Assert.Equal(("False", "ListenersNotValid"), (accepted.Status, accepted.Reason));
    }

    [Fact]
    public void Listeners_on_one_port_with_the_same_hostname_are_conflicted_and_not_served()
    {
        var snapshot = Translate(Gateway("gw", Listener("a", 8080, hostname: "x.example.com"), Listener("b", 8080, hostname: "x.example.com"), Listener("c", 9090)) + TwoServices,
            validateSchemas: false); // The CRD's CEL rule refuses a repeated port/protocol/hostname at load: this proves the translator's own check.

        Assert.Equal(["listener~9090"], snapshot.Listeners.Select(l => l.Name));
        Assert.Contains(("Conflicted", "True", "HostnameConflict"), Conditions(ListenerStatus(snapshot, "a")));
        Assert.Contains(("Programmed", "False", "Invalid"), Conditions(ListenerStatus(snapshot, "b")));

        // Gateway API: "MUST set a ListenersNotValid condition on the Gateway Status when the Gateway contains Conflicted
        // Listeners whether or not they accept the Gateway".
        var accepted = GatewayStatus(snapshot).Conditions!.Single(static c => c.Type == "Accepted");
        Assert.Equal(("True", "ListenersNotValid", "Listeners a, b are conflicted and not served; the other listeners are accepted"), (accepted.Status, accepted.Reason, accepted.Message));
    }

    [Fact]
    public void Listeners_on_one_port_with_different_protocols_are_conflicted()
    {
        var snapshot = Translate(Gateway("gw", Listener("a", 8080), Listener("b", 8080, protocol: "TCP")) + TwoServices);

        Assert.Empty(snapshot.Listeners);
        Assert.Contains(("Conflicted", "True", "ProtocolConflict"), Conditions(ListenerStatus(snapshot, "a")));
        Assert.Contains(("Conflicted", "True", "ProtocolConflict"), Conditions(ListenerStatus(snapshot, "b")));
    }

    [Fact]
    public void Route_kinds_outside_HTTPRoute_and_GRPCRoute_make_ResolvedRefs_false()
    {
        var gateway = GatewayOfClass("gw", "kgateway", "gwtest", "{name: http, port: 8080, protocol: HTTP, allowedRoutes: {kinds: [{kind: HTTPRoute}, {kind: TCPRoute}]}}");
        var snapshot = Translate(gateway + TwoServices);

        var listener = ListenerStatus(snapshot, "http");
        Assert.Equal(["HTTPRoute"], listener.SupportedKinds!.Select(k => k.Kind));
        Assert.Contains(("ResolvedRefs", "False", "InvalidRouteKinds"), Conditions(listener));
        Assert.Single(snapshot.Listeners);
    }

    [Theory]
    [InlineData("istio")]
    [InlineData("eg")]
    public void A_Gateway_of_another_class_produces_nothing(string className)
    {
        var snapshot = Translate(GatewayOfClass("gw", className, "gwtest", Listener("http", 8080)) + TwoServices + HttpRoute("r", [Parent()]));

        Assert.Empty(snapshot.Listeners);
        Assert.Empty(snapshot.Routes);
        Assert.Empty(snapshot.GatewayStatuses);
        Assert.Empty(snapshot.HttpRouteStatuses);
    }

    [Fact]
    public void A_GatewayClass_with_kgateways_controller_makes_any_class_name_ordinary()
    {
        const string gatewayClass = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: my-ingress}
            spec: {controllerName: kgateway.dev/kgateway}
            ---

            """;
        var snapshot = Translate(gatewayClass + GatewayOfClass("gw", "my-ingress", "gwtest", Listener("http", 8080)) + TwoServices);

        Assert.Equal(["listener~8080"], snapshot.Listeners.Select(l => l.Name));
    }

    [Fact]
    public void A_GatewayClass_named_kgateway_with_another_controller_is_not_kgateways()
    {
        const string gatewayClass = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: kgateway}
            spec: {controllerName: example.com/other}
            ---

            """;
        var snapshot = Translate(gatewayClass + Gateway("gw", Listener("http", 8080)) + TwoServices);

        Assert.Empty(snapshot.Listeners);
    }

    [Fact]
    public void The_istio_profile_does_not_translate_ordinary_Gateways()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + HttpRoute("r", [Parent()]), profile: "istio");

        Assert.Empty(snapshot.Listeners);
        Assert.Empty(snapshot.GatewayStatuses);
    }

    [Fact]
    public void Selecting_a_Gateway_translates_only_that_one()
    {
        var yaml = Gateway("gw", Listener("http", 8080)) + Gateway("other", Listener("http", 9090)) + TwoServices
            + HttpRoute("r", [Parent()]) + HttpRoute("o", [Parent("other")]);

        var snapshot = Translate(yaml, new NamespacedName("gwtest", "other"));

        Assert.Equal(["listener~9090"], snapshot.Listeners.Select(l => l.Name));
        Assert.Equal(["gwtest/other"], snapshot.GatewayStatuses.Keys);
        Assert.Equal(["gwtest/o"], snapshot.HttpRouteStatuses.Keys);
    }

    [Fact]
    public void Two_Gateways_on_one_port_are_two_proxies_and_a_warning_says_so()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + Gateway("other", Listener("http", 8080)) + TwoServices);

        Assert.Equal(2, snapshot.Listeners.Count(l => l.Name == "listener~8080"));
        Assert.Contains(snapshot.Warnings, w => w.Subject == "listener listener~8080" && w.Message.Contains("gwtest/gw, gwtest/other", StringComparison.Ordinal));
    }

    [Fact]
    public void A_waypoint_and_an_ordinary_Gateway_translate_side_by_side()
    {
        var snapshot = Translate(RouteHarness.WaypointMesh + RouteHarness.TwoServices + Gateway("gw", Listener("http", 8080)));

        Assert.Equal(["listener~8080", "proxy_protocol_inbound"], snapshot.Listeners.Select(l => l.Name));
        Assert.Equal(["gwtest/gw", "infra/example-waypoint"], snapshot.GatewayStatuses.Keys.Order(StringComparer.Ordinal));
    }
}
