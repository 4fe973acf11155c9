using static RulesMesh.Tests.Translation.Gateways.GatewayHarness;

namespace RulesMesh.Tests.Translation.Gateways;

/// <summary>
/// Gateway API precedence in an ordinary Gateway's virtual host, from the CRD text: the route with the most characters
/// in a matching non-wildcard hostname, then in a matching hostname (HTTPRoute and GRPCRoute <c>spec.hostnames</c>,
/// GRPCRoute <c>rules.matches</c>); then GRPCRoute's own criteria: characters in a matching service, in a matching
/// method, header matches.
/// </summary>
public sealed class GatewayRoutePrecedenceTests
{
    private static string GrpcRule(string method, string headers = "")
        => "{matches: [{method: " + method + (headers.Length == 0 ? string.Empty : ", headers: " + headers) + "}], backendRefs: [{name: svc-a, port: 5000}]}";

    [Fact]
    public void GRPCRoute_rules_are_ordered_by_service_length_then_method_length_then_header_matches()
    {
        var rules = new[]
        {
            GrpcRule("{service: pkg.Svc}"),
            GrpcRule("{service: pkg.Svc, method: Get}"),
            GrpcRule("{service: pkg.LongerSvc}"),
            GrpcRule("{method: Get}"),
            GrpcRule("{service: pkg.Svc}", "[{name: x-a, value: b}]"),
        };
        var snapshot = Translate(Gateway("gw", Listener("http", 8080)) + TwoServices + GrpcRoute("g", [Parent()], rules: rules));

        // Service characters: pkg.LongerSvc (13) > pkg.Svc (7) > none; among pkg.Svc, method characters (Get) first,
        // then a header match; the method-only rule, with no service, last.
        Assert.Equal(
            [
                "listener~8080~*-route-0-grpcroute-g-gwtest-2-0-matcher-0",
                "listener~8080~*-route-1-grpcroute-g-gwtest-1-0-matcher-0",
                "listener~8080~*-route-2-grpcroute-g-gwtest-4-0-matcher-0",
                "listener~8080~*-route-3-grpcroute-g-gwtest-0-0-matcher-0",
                "listener~8080~*-route-4-grpcroute-g-gwtest-3-0-matcher-0",
            ],
            VirtualHost(snapshot, "listener~8080~*").Routes.Select(r => r.Name));
    }

    [Fact]
    public void An_HTTPRoute_naming_the_host_precedes_one_reaching_it_through_a_wildcard_whatever_their_paths()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, hostname: "a.example.com")) + TwoServices
            + HttpRoute("wild", [Parent()], hostnames: ["*.example.com"], rules: ["{matches: [{path: {type: Exact, value: /exact}}], backendRefs: [{name: svc-a, port: 5000}]}"], created: "2024-01-01T00:00:00Z")
            + HttpRoute("named", [Parent()], hostnames: ["a.example.com"], created: "2024-02-01T00:00:00Z"));

        Assert.Equal(
            [
                "listener~8080~a_example_com-route-0-httproute-named-gwtest-0-0-matcher-0",
                "listener~8080~a_example_com-route-1-httproute-wild-gwtest-0-0-matcher-0",
            ],
            VirtualHost(snapshot, "listener~8080~a_example_com").Routes.Select(r => r.Name));
    }

    [Fact]
    public void A_GRPCRoute_naming_the_host_precedes_one_reaching_it_through_a_wildcard_whatever_their_methods()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, hostname: "a.example.com")) + TwoServices
            + GrpcRoute("wild", [Parent()], hostnames: ["*.example.com"], rules: [GrpcRule("{service: pkg.Svc, method: Get}")], created: "2024-01-01T00:00:00Z")
            + GrpcRoute("named", [Parent()], hostnames: ["a.example.com"], rules: [GrpcRule("{service: pkg.Svc}")], created: "2024-02-01T00:00:00Z"));

        Assert.Equal(
            [
                "listener~8080~a_example_com-route-0-grpcroute-named-gwtest-0-0-matcher-0",
                "listener~8080~a_example_com-route-1-grpcroute-wild-gwtest-0-0-matcher-0",
            ],
            VirtualHost(snapshot, "listener~8080~a_example_com").Routes.Select(r => r.Name));
    }

    [Fact]
    public void Of_two_wildcards_reaching_a_host_the_longer_one_takes_precedence()
    {
        var snapshot = Translate(Gateway("gw", Listener("http", 8080, hostname: "x.a.example.com")) + TwoServices
            + HttpRoute("short", [Parent()], hostnames: ["*.example.com"], rules: ["{matches: [{path: {type: Exact, value: /exact}}], backendRefs: [{name: svc-a, port: 5000}]}"], created: "2024-01-01T00:00:00Z")
            + HttpRoute("long", [Parent()], hostnames: ["*.a.example.com"], created: "2024-02-01T00:00:00Z"));

        Assert.Equal(
            [
                "listener~8080~x_a_example_com-route-0-httproute-long-gwtest-0-0-matcher-0",
                "listener~8080~x_a_example_com-route-1-httproute-short-gwtest-0-0-matcher-0",
            ],
            VirtualHost(snapshot, "listener~8080~x_a_example_com").Routes.Select(r => r.Name));
    }
}
