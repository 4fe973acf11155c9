using RulesMesh.Tests.Translation.Routes;
using static RulesMesh.Tests.Translation.Gateways.GatewayHarness;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>
/// The virtual hosts of an ordinary Gateway's port: one per hostname its routes serve, named
/// <c>listener~&lt;port&gt;~&lt;hostname, '.' → '_'&gt;</c>, routes named after it and ordered by Gateway API precedence.
/// </summary>
public sealed class GatewayVirtualHostTests
{
    [Fact]
    public void A_route_with_two_hostnames_gets_one_virtual_host_per_hostname_sorted_by_name()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + HttpRoute("r", [Parent()], hostnames: ["www.example.com", "api.example.com"]));

        var hosts = RouteConfiguration(snapshot).VirtualHosts;
        Assert.Equal(["listener~8080~api_example_com", "listener~8080~www_example_com"], hosts.Select(v => v.Name));
        Assert.Equal(["api.example.com"], hosts[0].Domains);
        Assert.Equal(["www.example.com"], hosts[1].Domains);
        Assert.Equal(["listener~8080~www_example_com-route-0-httproute-r-gwtest-0-0-matcher-0"], hosts[1].Routes.Select(r => r.Name));
    }

    [Fact]
    public void Routes_without_hostnames_on_a_listener_without_one_share_the_any_host()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + HttpRoute("a", [Parent()]) + HttpRoute("b", [Parent()], rules: ["{backendRefs: [{name: svc-b, port: 9000}]}"]));

        var host = Assert.Single(RouteConfiguration(snapshot).VirtualHosts);
        RouteHarness.AssertJson("""
            {
              "name": "listener~8080~*",
              "domains": ["*"],
              "routes": [
                { "name": "listener~8080~*-route-0-httproute-a-gwtest-0-0-matcher-0", "match": { "prefix": "/" },
                  "route": { "cluster": "kube_gwtest_svc-a_5000", "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR" } },
                { "name": "listener~8080~*-route-1-httproute-b-gwtest-0-0-matcher-0", "match": { "prefix": "/" },
                  "route": { "cluster": "kube_gwtest_svc-b_9000", "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR" } }
              ]
            }
            """, host);
    }

    [Fact]
    public void A_route_without_hostnames_takes_the_listeners_hostname()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, hostname: "shop.example.com")) + TwoServices + HttpRoute("r", [Parent()]));

        var host = Assert.Single(RouteConfiguration(snapshot).VirtualHosts);
        Assert.Equal("listener~8080~shop_example_com", host.Name);
        Assert.Equal(["shop.example.com"], host.Domains);
    }

    [Fact]
    public void A_wildcard_listener_keeps_the_route_hostnames_it_covers()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, hostname: "*.example.com")) + TwoServices
            + HttpRoute("r", [Parent()], hostnames: ["a.example.com", "a.other.com"]));

        var host = Assert.Single(RouteConfiguration(snapshot).VirtualHosts);
        Assert.Equal("listener~8080~a_example_com", host.Name);
    }

    [Fact]
    public void A_wildcard_route_on_a_specific_listener_serves_the_listeners_hostname()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, hostname: "a.example.com")) + TwoServices
            + HttpRoute("r", [Parent()], hostnames: ["*.example.com"]));

        Assert.Equal(["a.example.com"], Assert.Single(RouteConfiguration(snapshot).VirtualHosts).Domains);
    }

    [Fact]
    public void A_wildcard_hostname_keeps_its_star_in_the_virtual_host_name()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + HttpRoute("r", [Parent()], hostnames: ["*.example.com"]));

        var host = Assert.Single(RouteConfiguration(snapshot).VirtualHosts);
        Assert.Equal("listener~8080~*_example_com", host.Name);
        Assert.Equal(["*.example.com"], host.Domains);
    }

    [Fact]
    public void Routes_are_ordered_by_precedence_and_numbered_in_that_order()
    {
        // Written oldest first: a prefix "/", a longer prefix, a regex, an exact path, a prefix "/" with a header.
        var rules = new[]
        {
            "{matches: [{path: {type: PathPrefix, value: /}}], backendRefs: [{name: svc-a, port: 5000}]}",
            "{matches: [{path: {type: PathPrefix, value: /api}}], backendRefs: [{name: svc-a, port: 5000}]}",
            "{matches: [{path: {type: RegularExpression, value: '/r.*'}}], backendRefs: [{name: svc-a, port: 5000}]}",
            "{matches: [{path: {type: Exact, value: /exact}}], backendRefs: [{name: svc-a, port: 5000}]}",
            "{matches: [{path: {type: PathPrefix, value: /}, headers: [{name: x-a, value: b}]}], backendRefs: [{name: svc-a, port: 5000}]}",
        };
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + HttpRoute("r", [Parent()], rules: rules));

        Assert.Equal(
            [
                "listener~8080~*-route-0-httproute-r-gwtest-3-0-matcher-0",
                "listener~8080~*-route-1-httproute-r-gwtest-2-0-matcher-0",
                "listener~8080~*-route-2-httproute-r-gwtest-1-0-matcher-0",
                "listener~8080~*-route-3-httproute-r-gwtest-4-0-matcher-0",
                "listener~8080~*-route-4-httproute-r-gwtest-0-0-matcher-0",
            ],
            VirtualHost(snapshot, "listener~8080~*").Routes.Select(r => r.Name));
    }

    [Fact]
    public void Equal_precedence_keeps_the_older_route_first()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices
            + HttpRoute("young", [Parent()], created: "2024-02-01T00:00:00Z")
            + HttpRoute("old", [Parent()], created: "2024-01-01T00:00:00Z"));

        Assert.Equal(
            ["listener~8080~*-route-0-httproute-old-gwtest-0-0-matcher-0", "listener~8080~*-route-1-httproute-young-gwtest-0-0-matcher-0"],
            VirtualHost(snapshot, "listener~8080~*").Routes.Select(r => r.Name));
    }

    [Fact]
    public void A_route_served_on_one_hostname_by_two_listeners_is_added_once()
    {
        var snapshot = Translate(Gateway("gw", Listener("wild", 8080, hostname: "*.example.com"), Listener("a", 8080, hostname: "a.example.com")) + TwoServices
            + HttpRoute("r", [Parent()], hostnames: ["a.example.com"]));

        Assert.Single(VirtualHost(snapshot, "listener~8080~a_example_com").Routes);
        Assert.Equal(1, ListenerStatus(snapshot, "wild").AttachedRoutes);
        Assert.Equal(1, ListenerStatus(snapshot, "a").AttachedRoutes);
    }
}
