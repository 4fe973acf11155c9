using RulesMesh.Loading;
using RulesMesh.Translation.Output;
using RulesMesh.Tests.Translation.Istio;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>
/// An HTTPRoute written without <c>rules</c> is translated as the API server stores it, with the CRD's default of one
/// rule matching every path (docs/spec/istio-gatewayapi.md §3.3), in both profiles: the same resources and statuses as
/// the route with that rule written out, and not those of no route at all.
/// </summary>
public sealed class HttpRouteDefaultRulesTests
{
    [Theory]
    [InlineData("kgateway")]
    [InlineData("istio")]
    public void ARouteWithoutRulesIsTheRouteWithTheDefaultRuleWritten(string profile)
    {
        var bare = Run(profile, string.Empty);
        var written = Run(profile, "  rules: [{ matches: [{ path: { type: PathPrefix, value: / } }] }]");
        var none = Run(profile, rules: null);

        Assert.Equal(written.Routes, bare.Routes);
        Assert.Equal(written.Listeners, bare.Listeners);
        Assert.Equal(written.HttpRouteStatuses.Keys, bare.HttpRouteStatuses.Keys);
        Assert.NotEqual(none.Routes.Concat<object>(none.Listeners), bare.Routes.Concat<object>(bare.Listeners));
    }

    // Each profile's own waypoint and a service it captures, with a route parented to that service (none when rules is null).
    private static XdsSnapshot Run(string profile, string? rules)
    {
        var (mesh, ns, service) = profile == "istio"
            ? (IstioWaypointHarness.Waypoint + IstioWaypointHarness.Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]"), "shop", "reviews")
            : (RouteHarness.WaypointMesh + RouteHarness.TwoServices, "infra", "svc-a");
        var route = rules is null ? string.Empty : $$"""
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: { name: bare, namespace: {{ns}} }
            spec:
              parentRefs: [{ group: "", kind: Service, name: {{service}} }]
            {{rules}}
            ---

            """;
        var load = new ManifestLoader().LoadText(mesh + route, "routes.yaml");
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        return new WaypointTranslator(WaypointPipelines.Create(profile)).Translate(load);
    }
}
