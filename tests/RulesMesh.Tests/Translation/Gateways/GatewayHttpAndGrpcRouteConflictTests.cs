using static RulesMesh.Tests.Translation.Gateways.GatewayHarness;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>
/// An HTTPRoute and a GRPCRoute on one listener with intersecting hostnames. GRPCRoute <c>spec.hostnames</c>: the
/// implementation "MUST accept exactly one of these two routes, determined by ... The oldest Route based on creation
/// timestamp. The Route appearing first in alphabetical order by {namespace}/{name}. The rejected Route MUST raise an
/// 'Accepted' condition with a status of 'False' in the corresponding RouteParentStatus."
/// </summary>
public sealed class GatewayHttpAndGrpcRouteConflictTests
{
    [Fact]
    public void Of_an_HTTPRoute_and_a_GRPCRoute_sharing_a_hostname_on_a_listener_only_the_older_is_accepted()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + GrpcRoute("young-grpc", [Parent()], hostnames: ["api.example.com"], created: "2024-02-01T00:00:00Z")
            + HttpRoute("old-web", [Parent()], hostnames: ["api.example.com"], created: "2024-01-01T00:00:00Z"));

        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(Parents(snapshot, "old-web"))));
        var rejected = Assert.Single(GrpcParents(snapshot, "young-grpc")).Conditions.Single(c => c.Type == "Accepted");
        Assert.Equal("False", rejected.Status);
        Assert.Equal("NotAllowedByListeners", rejected.Reason);
        Assert.Contains("HTTPRoute gwtest/old-web", rejected.Message, StringComparison.Ordinal);

        // The rejected route adds nothing to the listener: no Envoy route, and attachedRoutes counts the winner only.
        Assert.Equal(
            ["listener~8080~api_example_com-route-0-httproute-old-web-gwtest-0-0-matcher-0"],
            RouteConfiguration(snapshot).VirtualHosts.SelectMany(v => v.Routes).Select(r => r.Name));
        Assert.Equal(1, ListenerStatus(snapshot, "http").AttachedRoutes);
    }

    [Fact]
    public void Of_an_HTTPRoute_and_a_GRPCRoute_of_the_same_age_the_first_by_namespace_and_name_is_accepted()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + HttpRoute("b-web", [Parent()], hostnames: ["*.example.com"])
            + GrpcRoute("a-grpc", [Parent()], hostnames: ["api.example.com"]));

        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(GrpcParents(snapshot, "a-grpc"))));
        Assert.Equal(("False", "NotAllowedByListeners"), Accepted(Assert.Single(Parents(snapshot, "b-web"))));
        Assert.DoesNotContain(RouteConfiguration(snapshot).VirtualHosts.SelectMany(v => v.Routes), r => r.Name.Contains("httproute-b-web", StringComparison.Ordinal));
    }

    [Fact]
    public void A_route_without_hostnames_shares_every_hostname_with_a_route_of_the_other_kind()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + HttpRoute("web", [Parent()], created: "2024-01-01T00:00:00Z")
            + GrpcRoute("grpc", [Parent()], hostnames: ["api.example.com"], created: "2024-02-01T00:00:00Z"));

        Assert.Equal(("False", "NotAllowedByListeners"), Accepted(Assert.Single(GrpcParents(snapshot, "grpc"))));
    }

    [Fact]
    public void An_HTTPRoute_and_a_GRPCRoute_with_disjoint_hostnames_are_both_accepted()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + HttpRoute("web", [Parent()], hostnames: ["www.example.com"])
            + GrpcRoute("grpc", [Parent()], hostnames: ["api.example.com"]));

        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(Parents(snapshot, "web"))));
        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(GrpcParents(snapshot, "grpc"))));
        Assert.Equal(2, ListenerStatus(snapshot, "http").AttachedRoutes);
    }

    [Fact]
    public void Routes_of_the_other_kind_on_different_listeners_do_not_conflict()
    {
        var snapshot = Translate(Gateway("gw", Listener("web", 8080), Listener("grpc", 9090)) + TwoServices
            + HttpRoute("web", [Parent(section: "web")], hostnames: ["api.example.com"])
            + GrpcRoute("grpc", [Parent(section: "grpc")], hostnames: ["api.example.com"]));

        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(Parents(snapshot, "web"))));
        Assert.Equal(("True", "Accepted"), Accepted(Assert.Single(GrpcParents(snapshot, "grpc"))));
    }
}
