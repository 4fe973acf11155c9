using RulesMesh.Tests.Translation.Routes;
using static RulesMesh.Tests.Translation.Gateways.GatewayHarness;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>
/// Route attachment to an ordinary Gateway's listeners (Gateway API): parentRef name, namespace, sectionName and port,
/// <c>allowedRoutes</c>, hostnames, and the route statuses kgateway reports.
/// </summary>
public sealed class GatewayRouteAttachmentTests
{
    private static int AttachedTo(RulesMesh.Translation.Output.XdsSnapshot snapshot, string host = "listener~8080~*")
        => RouteConfiguration(snapshot).VirtualHosts.SingleOrDefault(v => v.Name == host)?.Routes.Count ?? 0;

    [Fact]
    public void Same_the_default_admits_routes_of_the_Gateways_namespace_only()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + HttpRoute("here", [Parent()])
            + HttpRoute("there", [Parent(ns: "gwtest")], ns: "apps", rules: ["{backendRefs: [{name: svc-a, namespace: gwtest, port: 5000}]}"]));

        Assert.Equal(["listener~8080~*-route-0-httproute-here-gwtest-0-0-matcher-0"], VirtualHost(snapshot, "listener~8080~*").Routes.Select(r => r.Name));
        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(Parents(snapshot, "here"))));
        Assert.Equal(("False", "NotAllowedByListeners"), Accepted(Assert.Single(Parents(snapshot, "there", "apps"))));
        Assert.Equal(1, ListenerStatus(snapshot, "http").AttachedRoutes);
    }

    [Fact]
    public void All_admits_routes_of_every_namespace()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, from: "All")) + TwoServices
            + HttpRoute("here", [Parent()])
            + HttpRoute("there", [Parent(ns: "gwtest")], ns: "apps", rules: ["{backendRefs: [{name: svc-a, namespace: gwtest, port: 5000}]}"]));

        Assert.Equal(2, AttachedTo(snapshot));
        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(Parents(snapshot, "there", "apps"))));
        Assert.Equal(2, ListenerStatus(snapshot, "http").AttachedRoutes);
    }

    [Fact]
    public void Selector_admits_the_namespaces_whose_labels_match()
    {
        var gateway = GatewayOfClass("gw", "kgateway", "gwtest",
            "{name: http, port: 8080, protocol: HTTP, allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {team: web}}}}}");
        var snapshot = Translate(gateway + TwoServices + Namespace("web", "{team: web}") + Namespace("ops", "{team: ops}")
            + HttpRoute("w", [Parent(ns: "gwtest")], ns: "web", rules: ["{backendRefs: [{name: svc-a, namespace: gwtest, port: 5000}]}"])
            + HttpRoute("o", [Parent(ns: "gwtest")], ns: "ops", rules: ["{backendRefs: [{name: svc-a, namespace: gwtest, port: 5000}]}"]));

        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(Parents(snapshot, "w", "web"))));
        Assert.Equal(("False", "NotAllowedByListeners"), Accepted(Assert.Single(Parents(snapshot, "o", "ops"))));
    }

    [Fact]
    public void A_parentRef_names_the_Gateway_in_the_routes_namespace_unless_it_says_otherwise()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, from: "All")) + TwoServices
            + HttpRoute("elsewhere", [Parent()], ns: "apps", rules: ["{backendRefs: [{name: svc-a, namespace: gwtest, port: 5000}]}"]));

        Assert.Equal(0, AttachedTo(snapshot));
        Assert.Empty(snapshot.HttpRouteStatuses);
    }

    [Fact]
    public void A_sectionName_or_port_picks_listeners_and_one_matching_none_is_NoMatchingParent()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080), Listener("admin", 9090)) + TwoServices
            + HttpRoute("by-port", [Parent(port: 9090)])
            + HttpRoute("missing", [Parent(section: "nope")]));

        Assert.Equal(0, AttachedTo(snapshot));
        Assert.Single(VirtualHost(snapshot, "listener~9090~*", "listener~9090").Routes);
        Assert.Equal(("False", "NoMatchingParent"), Accepted(Assert.Single(Parents(snapshot, "missing"))));
    }

    [Theory]
    [InlineData("b", 8080, "Gateway gwtest/gw has no valid listener on port 8080")]
    [InlineData(null, 7070, "Gateway gwtest/gw has no valid listener on port 7070")]
    public void A_NoMatchingParent_message_says_what_is_wrong_once(string? section, int port, string message)
    {
        // The listener a sectionName names has the wrong port: that, not "no listener named b", is what went wrong; and
        // the same message from several listeners is said once.
        var snapshot = Translate(Gateway("gw", Listener("a", 8080), Listener("b", 9090), Listener("c", 9191)) + TwoServices
            + HttpRoute("r", [Parent(section: section, port: port)]));

        var accepted = Assert.Single(Assert.Single(Parents(snapshot, "r")).Conditions, static c => c.Type == "Accepted");
        Assert.Equal(("False", "NoMatchingParent", message), (accepted.Status, accepted.Reason, accepted.Message));
    }

    [Fact]
    public void A_route_sharing_no_hostname_with_the_listener_is_NoMatchingListenerHostname()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, hostname: "a.example.com")) + TwoServices
            + HttpRoute("r", [Parent()], hostnames: ["b.example.com"]));

        Assert.Empty(RouteConfiguration(snapshot).VirtualHosts);
        Assert.Equal(("False", "NoMatchingListenerHostname"), Accepted(Assert.Single(Parents(snapshot, "r"))));
        Assert.Equal(0, ListenerStatus(snapshot, "http").AttachedRoutes);
    }

    [Fact]
    public void The_reason_comes_from_the_listener_the_sectionName_selects()
    {
        var snapshot = Translate(Gateway("gw", Listener("a", 8080, hostname: "a.example.com"), Listener("b", 9090)) + TwoServices
            + HttpRoute("r", [Parent(section: "a")], hostnames: ["b.example.com"]));

        Assert.Equal(("False", "NoMatchingListenerHostname"), Accepted(Assert.Single(Parents(snapshot, "r"))));
    }

    [Fact]
    public void Accepted_route_statuses_name_kgateway_and_echo_the_parentRef()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + HttpRoute("r", [Parent(section: "http")]));

        var parent = Assert.Single(Parents(snapshot, "r"));
        Assert.Equal("kgateway", parent.ControllerName);
        Assert.Equal(("gw", "http"), (parent.ParentRef.Name, parent.ParentRef.SectionName));
        Assert.Equal(
            [("Accepted", "True"), ("ResolvedRefs", "True"), ("kgateway.dev/Programmed", "True")],
            parent.Conditions.Select(c => (c.Type, c.Status)));
    }

    [Fact]
    public void A_backendRef_that_does_not_resolve_makes_ResolvedRefs_false_and_answers_500()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + HttpRoute("r", [Parent()], rules: ["{backendRefs: [{name: nowhere, port: 80}]}"]));

        var parent = Assert.Single(Parents(snapshot, "r"));
        Assert.Equal(("False", "BackendNotFound"), parent.Conditions.Single(c => c.Type == "ResolvedRefs") is var c ? (c.Status, c.Reason) : default);
        Assert.Equal("blackhole_cluster", VirtualHost(snapshot, "listener~8080~*").Routes.Single().Route_.Cluster);
    }

    [Fact]
    public void A_route_whose_listener_does_not_take_its_kind_is_NotAllowedByListeners()
    {
        var gateway = GatewayOfClass("gw", "kgateway", "gwtest", "{name: http, port: 8080, protocol: HTTP, allowedRoutes: {kinds: [{kind: GRPCRoute}]}}");
        var snapshot = Translate(gateway + TwoServices + HttpRoute("r", [Parent()]));

        Assert.Equal(("False", "NotAllowedByListeners"), Accepted(Assert.Single(Parents(snapshot, "r"))));
    }

    [Fact]
    public void A_GRPCRoute_attaches_like_an_HTTPRoute()
    {
        const string grpc = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: {name: g, namespace: gwtest}
            spec:
              parentRefs: [{name: gw}]
              hostnames: [grpc.example.com]
              rules: [{matches: [{method: {service: pkg.Svc}}], backendRefs: [{name: svc-b, port: 9000}]}]
            ---

            """;
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + grpc);

        var route = Assert.Single(VirtualHost(snapshot, "listener~8080~grpc_example_com").Routes);
        Assert.Equal("listener~8080~grpc_example_com-route-0-grpcroute-g-gwtest-0-0-matcher-0", route.Name);
        RouteHarness.AssertJson("""{ "pathSeparatedPrefix": "/pkg.Svc" }""", route.Match);
    }
}
