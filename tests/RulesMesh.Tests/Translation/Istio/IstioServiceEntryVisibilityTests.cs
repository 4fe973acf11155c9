using RulesMesh.Rules;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// The mesh setting <c>serviceEntryVisibility</c> in the istio profile (docs/spec/istio-gatewayapi.md §6.3, §6.4 item 6);
/// expected conditions and chains written by hand from the spec.
/// </summary>
public sealed class IstioServiceEntryVisibilityTests
{
    private const string ApiChain = "inbound-vip|80|http|api.example.com";

    /// <summary>A ready waypoint in <c>shop</c> admitting every namespace.</summary>
    private const string OpenWaypoint = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: waypoint, namespace: shop }
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{ name: mesh, port: 15008, protocol: HBONE, allowedRoutes: { namespaces: { from: All } } }]
        status:
          addresses: [{ type: IPAddress, value: 10.0.0.9 }]
        ---

        """;

    private static string Api(string ns, string labels) => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: api, namespace: {{ns}}, labels: {{labels}} }
        spec:
          hosts: [api.example.com]
          addresses: [240.240.0.1]
          ports: [{ number: 80, name: http, protocol: HTTP }]
          resolution: STATIC
          endpoints: [{ address: 10.1.0.1 }]
        ---

        """;

    private const string FromElsewhere = "{ istio.io/use-waypoint: waypoint, istio.io/use-waypoint-namespace: shop }";

    private static XdsSnapshot Translate(string yaml, ServiceEntryVisibility? visibility)
        => new WaypointTranslator(WaypointPipelines.Create("istio"), new EngineSettings { ServiceEntryVisibility = visibility }).Translate(Load(yaml));

    private static IReadOnlyList<(string Type, string Status, string Reason)> Conditions(XdsSnapshot snapshot, string key)
        => [.. snapshot.ServiceEntryStatuses[key].Conditions.Select(static c => (c.Type, c.Status, c.Reason))];

    [Fact]
    public void WithVisibilityNamespaceAWaypointInAnotherNamespaceIsCrossNamespaceWaypointForbidden()
    {
        var snapshot = Translate(OpenWaypoint + Api("ext", FromElsewhere), ServiceEntryVisibility.Namespace);

        Assert.Equal(
            [("istio.io/WaypointBound", "False", "CrossNamespaceWaypointForbidden"), ("istio.io/VisibilityApplied", "True", "Namespace")],
            Conditions(snapshot, "ext/api"));
        Assert.DoesNotContain(snapshot.Listeners.SelectMany(static l => l.FilterChains), static c => c.Name == ApiChain);
    }

    [Fact]
    public void WithVisibilityNamespaceAWaypointInTheSameNamespaceStillBinds()
    {
        var snapshot = Translate(OpenWaypoint + Api("shop", "{ istio.io/use-waypoint: waypoint }"), ServiceEntryVisibility.Namespace);

        Assert.Equal(
            [("istio.io/WaypointBound", "True", "WaypointAccepted"), ("istio.io/VisibilityApplied", "True", "Namespace")],
            Conditions(snapshot, "shop/api"));
        Assert.Contains(ApiChain, ChainNames(snapshot));
    }

    [Fact]
    public void WithVisibilityPublicAWaypointInAnotherNamespaceBindsAndVisibilityAppliedIsPublic()
    {
        var snapshot = Translate(OpenWaypoint + Api("ext", FromElsewhere), ServiceEntryVisibility.Public);

        Assert.Equal(
            [("istio.io/WaypointBound", "True", "WaypointAccepted"), ("istio.io/VisibilityApplied", "True", "Public")],
            Conditions(snapshot, "ext/api"));
    }

    [Fact]
    public void WithVisibilityGivenAnUnboundServiceEntryStillGetsVisibilityApplied()
        => Assert.Equal([("istio.io/VisibilityApplied", "True", "Public")], Conditions(Translate(OpenWaypoint + Api("ext", "{}"), ServiceEntryVisibility.Public), "ext/api"));

    [Fact]
    public void WithVisibilityNoneAServiceEntryIsNotCapturedAndGetsNoStatus()
    {
        var snapshot = Translate(OpenWaypoint + Api("shop", "{ istio.io/use-waypoint: waypoint }"), ServiceEntryVisibility.None);

        Assert.Empty(snapshot.ServiceEntryStatuses);
        Assert.DoesNotContain(snapshot.Listeners.SelectMany(static l => l.FilterChains), static c => c.Name == ApiChain);
    }

    [Fact]
    public void WithoutTheSettingAWaypointInAnotherNamespaceBindsAndNoVisibilityConditionIsWritten()
        => Assert.Equal([("istio.io/WaypointBound", "True", "WaypointAccepted")], Conditions(Translate(OpenWaypoint + Api("ext", FromElsewhere), null), "ext/api"));
}
