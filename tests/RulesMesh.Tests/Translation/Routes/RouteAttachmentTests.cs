using System.Text.Json.Nodes;
using RulesMesh.Tests.Support;
using static RulesMesh.Tests.Translation.Routes.RouteHarness;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>
/// Which routes attach to which captured service (docs/spec/kgateway-waypoint.md §2.4): parentRefs to a Service, a ServiceEntry, a ServiceEntry
/// host (Hostname) or the waypoint Gateway, and the statuses the attached parents get.
/// </summary>
public sealed class RouteAttachmentTests
{
    private static string Route(string name, string parentRefs, string ns = "infra", string kind = "HTTPRoute", string apiVersion = "gateway.networking.k8s.io/v1", string? created = null, long? generation = null) => $"""
        apiVersion: {apiVersion}
        kind: {kind}
        metadata:
          name: {name}
          namespace: {ns}
        {(created is null ? "" : $"  creationTimestamp: \"{created}\"")}
        {(generation is null ? "" : $"  generation: {generation}")}
        spec:
          parentRefs:
        {parentRefs}
          rules:
          - backendRefs:
            - name: svc-a
              namespace: infra
              port: 5000
        ---

        """;

    private const string ServiceParentA = """
          - group: ""
            kind: Service
            name: svc-a
        """;

    private static string[] RouteNames(RulesMesh.Translation.Output.XdsSnapshot snapshot, string chain)
        => VirtualHost(snapshot, chain).Routes.Select(r => r.Name).ToArray();

    [Fact]
    public void A_route_parented_to_a_Service_replaces_only_that_services_default_virtual_host()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("to-a", ServiceParentA));

        Assert.Equal("http_routes_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
        Assert.Equal(["http_routes_svc-a_infra-route-0-httproute-to-a-infra-0-0-matcher-0"], RouteNames(snapshot, "fc_http_5000_svc-a_infra"));
        Assert.Equal("vh_http_9000_svc-b_infra", VirtualHost(snapshot, "fc_http_9000_svc-b_infra").Name);
    }

    [Theory]
    [InlineData("group: \"\"")]
    [InlineData("group: core")]
    public void The_core_group_may_be_written_empty_or_core(string group)
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("to-a", $"""
              - {group}
                kind: Service
                name: svc-a
            """));

        Assert.Equal("http_routes_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
    }

    [Fact]
    public void A_Service_parentRef_without_a_group_means_a_Gateway_API_kind_and_attaches_nothing()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("to-a", """
              - kind: Service
                name: svc-a
            """));

        Assert.Equal("vh_http_5000_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
        Assert.Empty(snapshot.HttpRouteStatuses);
    }

    [Fact]
    public void A_parentRef_namespace_defaults_to_the_routes_and_may_point_elsewhere()
    {
        var other = Route("from-apps", """
              - group: ""
                kind: Service
                name: svc-a
                namespace: infra
            """, ns: "apps");
        var sameNameElsewhere = Route("wrong-ns", ServiceParentA, ns: "apps");

        var snapshot = Translate(WaypointMesh + TwoServices + other + sameNameElsewhere);

        Assert.Equal(["http_routes_svc-a_infra-route-0-httproute-from-apps-apps-0-0-matcher-0"], RouteNames(snapshot, "fc_http_5000_svc-a_infra"));
        Assert.False(snapshot.HttpRouteStatuses.ContainsKey("apps/wrong-ns"));
    }

    [Fact]
    public void Port_and_sectionName_of_a_service_parentRef_are_ignored()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("to-a", """
              - group: ""
                kind: Service
                name: svc-a
                port: 1234
                sectionName: nothing
            """));

        Assert.Equal("http_routes_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
        var parent = Assert.Single(Parents(snapshot, "to-a"));
        Assert.Equal(1234, parent.ParentRef.Port);
        Assert.Equal("nothing", parent.ParentRef.SectionName);
    }

    [Fact]
    public void A_ServiceEntry_parentRef_attaches_to_the_entry()
    {
        var snapshot = Translate(WaypointMesh + ServiceEntry("se-a", "1.1.1.1", 5000, "se-a.example.com") + Route("to-se", """
              - group: networking.istio.io
                kind: ServiceEntry
                name: se-a
            """));

        var host = VirtualHost(snapshot, "fc_http_5000_se-a_infra");
        Assert.Equal("http_routes_se-a_infra", host.Name);
        Assert.Equal("http_routes_se-a_infra-route-0-httproute-to-se-infra-0-0-matcher-0", Assert.Single(host.Routes).Name);
    }

    [Fact]
    public void A_Hostname_parentRef_attaches_to_the_entry_with_that_host_from_its_own_namespace_only()
    {
        const string HostnameParent = """
              - group: networking.istio.io
                kind: Hostname
                name: api.example.com
            """;
        var entry = ServiceEntry("se-a", "1.1.1.1", 5000, "se-a.example.com", "api.example.com");

        var attached = Translate(WaypointMesh + entry + Route("by-host", HostnameParent));
        var fromElsewhere = Translate(WaypointMesh + entry + Route("by-host", HostnameParent, ns: "apps"));
        var withNamespace = Translate(WaypointMesh + entry + Route("by-host", HostnameParent + "\n    namespace: infra"));

        Assert.Equal("http_routes_se-a_infra", VirtualHost(attached, "fc_http_5000_se-a_infra").Name);
        Assert.Equal("vh_http_5000_se-a_infra_se-a_example_com", VirtualHost(fromElsewhere, "fc_http_5000_se-a_infra").Name);
        Assert.Equal("vh_http_5000_se-a_infra_se-a_example_com", VirtualHost(withNamespace, "fc_http_5000_se-a_infra").Name);
        Assert.Empty(fromElsewhere.HttpRouteStatuses);
        Assert.Empty(withNamespace.HttpRouteStatuses);
    }

    [Fact]
    public void A_Hostname_parentRef_does_not_attach_to_a_Kubernetes_Service()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("by-fqdn", """
              - group: networking.istio.io
                kind: Hostname
                name: svc-a.infra.svc.cluster.local
            """));

        Assert.Equal("vh_http_5000_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
    }

    [Fact]
    public void A_route_with_several_parentRefs_to_one_service_attaches_once_and_reports_the_parent_that_found_it()
    {
        var entry = ServiceEntry("se-a", "1.1.1.1", 5000, "se-a.example.com");
        var snapshot = Translate(WaypointMesh + entry + Route("twice", """
              - group: networking.istio.io
                kind: ServiceEntry
                name: se-a
              - group: networking.istio.io
                kind: Hostname
                name: se-a.example.com
            """));

        Assert.Single(VirtualHost(snapshot, "fc_http_5000_se-a_infra").Routes);
        // The service's keys are its aliases (the Hostname) first, then itself.
        var parent = Assert.Single(Parents(snapshot, "twice"));
        Assert.Equal("Hostname", parent.ParentRef.Kind);
    }

    [Fact]
    public void A_route_parented_to_two_services_reports_both_parents()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("both", ServiceParentA + """

              - group: ""
                kind: Service
                name: svc-b
            """));

        Assert.Equal("http_routes_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
        Assert.Equal("http_routes_svc-b_infra", VirtualHost(snapshot, "fc_http_9000_svc-b_infra").Name);
        Assert.Equal(["svc-a", "svc-b"], Parents(snapshot, "both").Select(p => p.ParentRef.Name).Order());
    }

    [Fact]
    public void Routes_of_one_service_come_oldest_first_then_by_namespace_and_name()
    {
        var snapshot = Translate(WaypointMesh + TwoServices
            + Route("c-new", ServiceParentA, created: "2024-01-02T00:00:00Z")
            + Route("b-old", ServiceParentA, created: "2024-01-01T00:00:00Z")
            + Route("a-new", ServiceParentA, created: "2024-01-02T00:00:00Z"));

        Assert.Equal(
            [
                "http_routes_svc-a_infra-route-0-httproute-b-old-infra-0-0-matcher-0",
                "http_routes_svc-a_infra-route-1-httproute-a-new-infra-0-0-matcher-0",
                "http_routes_svc-a_infra-route-2-httproute-c-new-infra-0-0-matcher-0",
            ],
            RouteNames(snapshot, "fc_http_5000_svc-a_infra"));
    }

    [Fact]
    public void A_v1beta1_HTTPRoute_attaches_like_a_v1_one()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("old-api", ServiceParentA, apiVersion: "gateway.networking.k8s.io/v1beta1"));

        Assert.Equal(["http_routes_svc-a_infra-route-0-httproute-old-api-infra-0-0-matcher-0"], RouteNames(snapshot, "fc_http_5000_svc-a_infra"));
        Assert.Single(Parents(snapshot, "old-api"));
    }

    [Fact]
    public void A_GRPCRoute_parented_to_a_Service_attaches()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("grpc", ServiceParentA, kind: "GRPCRoute"));

        Assert.Equal(["http_routes_svc-a_infra-route-0-grpcroute-grpc-infra-0-0-matcher-0"], RouteNames(snapshot, "fc_http_5000_svc-a_infra"));
    }

    [Fact]
    public void A_route_parented_to_the_waypoint_applies_to_every_captured_service_before_their_own()
    {
        var snapshot = Translate(WaypointMesh + TwoServices
            + Route("own", ServiceParentA)
            + Route("zz-gateway", """
                  - name: example-waypoint
                """));

        Assert.Equal(
            ["http_routes_svc-a_infra-route-0-httproute-zz-gateway-infra-0-0-matcher-0", "http_routes_svc-a_infra-route-1-httproute-own-infra-0-0-matcher-0"],
            RouteNames(snapshot, "fc_http_5000_svc-a_infra"));
        Assert.Equal(["http_routes_svc-b_infra-route-0-httproute-zz-gateway-infra-0-0-matcher-0"], RouteNames(snapshot, "fc_http_9000_svc-b_infra"));
    }

    [Fact]
    public void The_status_of_a_Gateway_parent_echoes_an_unset_group_and_kind_as_empty_and_keeps_an_unset_namespace_unset()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("gw", """
              - name: example-waypoint
            """));

        var parent = Assert.Single(Parents(snapshot, "gw"));
        var expected = JsonNode.Parse("""{"group":"","kind":"","name":"example-waypoint"}""");
        Assert.Null(JsonTreeComparer.FirstDifference(expected, ParentRefJson(parent)));
        Assert.Equal("kgateway", parent.ControllerName);
        Assert.Equal(["Accepted", "ResolvedRefs", "kgateway.dev/Programmed"], parent.Conditions.Select(c => c.Type));
        Assert.All(parent.Conditions, c => Assert.Equal("True", c.Status));
    }

    [Theory]
    [InlineData("sectionName: proxy", null)]
    [InlineData("port: 15088", null)]
    [InlineData("sectionName: other", "NoMatchingParent")]
    [InlineData("port: 80", "NoMatchingParent")]
    public void A_Gateway_parentRef_must_name_the_PROXY_listener_or_its_port_when_it_names_one(string selector, string? rejection)
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("gw", $"""
              - name: example-waypoint
                {selector}
            """));

        Assert.Equal(rejection is null ? "http_routes_svc-a_infra" : "vh_http_5000_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
        var accepted = Condition(Assert.Single(Parents(snapshot, "gw")), "Accepted");
        Assert.Equal(rejection is null ? "True" : "False", accepted.Status);
        Assert.Equal(rejection ?? "Accepted", accepted.Reason);
    }

    [Fact]
    public void Every_condition_of_a_route_parent_observes_the_routes_generation_whether_accepted_or_rejected()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("gw", """
              - name: example-waypoint
                sectionName: other
              - group: ""
                kind: Service
                name: svc-a
            """, generation: 3));

        var parents = Parents(snapshot, "gw");
        Assert.Equal(2, parents.Count);
        Assert.All(parents.SelectMany(static p => p.Conditions), static c => Assert.Equal(3, c.ObservedGeneration));
    }

    [Fact]
    public void A_route_without_a_generation_reports_no_observed_generation()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("to-a", ServiceParentA));

        Assert.All(Assert.Single(Parents(snapshot, "to-a")).Conditions, static c => Assert.Null(c.ObservedGeneration));
    }

    [Fact]
    public void A_parent_that_accepts_the_route_reports_it_programmed()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("gw", """
              - name: example-waypoint
                sectionName: proxy
            """));

        var programmed = Condition(Assert.Single(Parents(snapshot, "gw")), "kgateway.dev/Programmed");
        Assert.Equal(("True", "Programmed", "Successfully programmed Route"), (programmed.Status, programmed.Reason, programmed.Message));
    }

    [Theory]
    [InlineData("sectionName: other", "NoMatchingParent")]
    [InlineData("port: 80", "NoMatchingParent")]
    public void A_parent_that_rejects_the_route_reports_it_not_programmed_with_the_rejection_reason(string selector, string reason)
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("gw", $"""
              - name: example-waypoint
                {selector}
            """));

        var parent = Assert.Single(Parents(snapshot, "gw"));
        var programmed = Condition(parent, "kgateway.dev/Programmed");
        Assert.Equal(("False", reason), (programmed.Status, programmed.Reason));
        Assert.StartsWith("Route is not programmed for this parent: ", programmed.Message, StringComparison.Ordinal);
        Assert.EndsWith(Condition(parent, "Accepted").Message, programmed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_from_a_namespace_the_listener_does_not_allow_is_not_programmed()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("gw", """
              - name: example-waypoint
                namespace: infra
            """, ns: "apps"));

        var programmed = Condition(Assert.Single(Parents(snapshot, "gw", ns: "apps")), "kgateway.dev/Programmed");
        Assert.Equal(("False", "NotAllowedByListeners"), (programmed.Status, programmed.Reason));
    }

    [Fact]
    public void A_route_with_an_unresolved_backendRef_is_still_programmed()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("gw", """
              - name: example-waypoint
            """).Replace("name: svc-a\n      namespace: infra", "name: missing\n      namespace: infra", StringComparison.Ordinal));

        var parent = Assert.Single(Parents(snapshot, "gw"));
        Assert.Equal("False", Condition(parent, "ResolvedRefs").Status);
        Assert.Equal(("True", "Programmed"), (Condition(parent, "kgateway.dev/Programmed").Status, Condition(parent, "kgateway.dev/Programmed").Reason));
    }

    [Fact]
    public void A_route_with_two_parentRefs_the_waypoint_takes_is_accepted_by_both_and_added_once()
    {
        // The HTTPRoute CRD's CEL rules refuse two refs to one parent unless both name a section: this proves the translator's own handling.
        var snapshot = Translate(
            WaypointMesh + TwoServices + Route("gw", """
              - name: example-waypoint
              - name: example-waypoint
                sectionName: proxy
            """),
            validateSchemas: false);

        Assert.Single(VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Routes);
        Assert.Equal(["proxy", null], Parents(snapshot, "gw").Select(p => p.ParentRef.SectionName).OrderBy(s => s is null));
        Assert.All(Parents(snapshot, "gw"), p => Assert.Equal("True", Condition(p, "Accepted").Status));
    }

    [Fact]
    public void A_Gateway_parented_route_from_another_namespace_needs_the_listener_to_allow_it()
    {
        const string FromApps = """
              - name: example-waypoint
                namespace: infra
            """;
        var sameOnly = Translate(WaypointMesh + TwoServices + Route("gw", FromApps, ns: "apps"));
        var allowAll = Translate(WaypointMesh.Replace("protocol: istio.io/PROXY", "protocol: istio.io/PROXY\n    allowedRoutes:\n      namespaces:\n        from: All", StringComparison.Ordinal)
            + TwoServices + Route("gw", FromApps, ns: "apps"));

        Assert.Equal("vh_http_5000_svc-a_infra", VirtualHost(sameOnly, "fc_http_5000_svc-a_infra").Name);
        Assert.Equal("NotAllowedByListeners", Condition(Assert.Single(Parents(sameOnly, "gw", ns: "apps")), "Accepted").Reason);
        Assert.Equal("http_routes_svc-a_infra", VirtualHost(allowAll, "fc_http_5000_svc-a_infra").Name);
        Assert.Equal("True", Condition(Assert.Single(Parents(allowAll, "gw", ns: "apps")), "Accepted").Status);
    }

    [Fact]
    public void A_GRPCRoute_does_not_attach_to_the_waypoint_Gateway_whose_listener_supports_HTTPRoute_only()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("grpc-gw", """
              - name: example-waypoint
            """, kind: "GRPCRoute"));

        Assert.Equal("vh_http_5000_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
        Assert.Equal("NotAllowedByListeners", Condition(Assert.Single(GrpcParents(snapshot, "grpc-gw")), "Accepted").Reason);
        Assert.Empty(snapshot.HttpRouteStatuses);
    }

    [Fact]
    public void A_route_parented_to_another_Gateway_attaches_nothing()
    {
        var snapshot = Translate(WaypointMesh + TwoServices + Route("elsewhere", """
              - name: some-ingress
            """));

        Assert.Equal("vh_http_5000_svc-a_infra", VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Name);
        Assert.Empty(snapshot.HttpRouteStatuses);
    }
}
