using RulesMesh.Mesh;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// Canary waypoints in the istio profile (docs/spec/istio-gatewayapi.md §6.1, §6.4): a valid canary owns the service
/// beside its primary waypoint; an invalid one is reported and leaves the primary binding alone. Expected values are
/// written by hand from the spec (and, where it is silent, from the choices docs/profiles.md states).
/// </summary>
public sealed class IstioCanaryWaypointTests
{
    private const string ReviewsChain = "inbound-vip|9080|http|reviews.shop.svc.cluster.local";

    private const string Canary = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: canary, namespace: shop }
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
        status:
          addresses: [{ type: IPAddress, value: 10.0.0.10 }]
        ---

        """;

    private static string Reviews(string canaryLabels, string annotations = "{}") => $$"""
        apiVersion: v1
        kind: Service
        metadata:
          name: reviews
          namespace: shop
          labels: { istio.io/use-waypoint: waypoint{{canaryLabels}} }
          annotations: {{annotations}}
        spec: { clusterIP: 10.96.0.10, ports: [{ name: http, port: 9080 }] }
        """;

    private static XdsSnapshot For(string yaml, string waypoint)
        => new WaypointTranslator(WaypointPipelines.Create("istio")).Translate(Load(yaml), new NamespacedName("shop", waypoint));

    private static (string Status, string Reason, string Message) Bound(XdsSnapshot snapshot)
    {
        var condition = snapshot.ServiceStatuses["shop/reviews"].Conditions.Single(static c => c.Type == "istio.io/WaypointBound");
        return (condition.Status, condition.Reason, condition.Message);
    }

    [Fact]
    public void AServiceWithAValidCanaryIsOwnedByBothWaypoints()
    {
        var yaml = Waypoint + Canary + Reviews(", istio.io/use-waypoint-canary: canary", "{ istio.io/use-waypoint-canary-weight: \"20\" }");

        Assert.Contains(ReviewsChain, ChainNames(For(yaml, "waypoint")));
        Assert.Contains(ReviewsChain, ChainNames(For(yaml, "canary")));
        Assert.Contains(For(yaml, "canary").Clusters, static c => c.Name == ReviewsChain);
    }

    [Fact]
    public void AValidCanaryAddsTheCanaryNoteToTheBoundMessage()
    {
        var snapshot = TranslateIstio(Waypoint + Canary + Reviews(", istio.io/use-waypoint-canary: canary", "{ istio.io/use-waypoint-canary-weight: \"20\" }"));

        Assert.Equal(("True", "WaypointAccepted", "Successfully attached to waypoint shop/waypoint. Canary waypoint shop/canary receives 20% of the traffic"), Bound(snapshot));
    }

    [Fact]
    public void ACanaryNamedOnTheNamespaceAppliesToItsServices()
    {
        var yaml = """
            apiVersion: v1
            kind: Namespace
            metadata: { name: shop, labels: { istio.io/use-waypoint-canary: canary }, annotations: { istio.io/use-waypoint-canary-weight: "5" } }
            ---

            """ + Waypoint[Waypoint.IndexOf("apiVersion: gateway", StringComparison.Ordinal)..] + Canary + Reviews(string.Empty);

        Assert.Contains(ReviewsChain, ChainNames(For(yaml, "canary")));
        Assert.EndsWith("Canary waypoint shop/canary receives 5% of the traffic", Bound(TranslateIstio(yaml)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    public void AWeightOutsideZeroToHundredIsCanaryInvalidWeightAndLeavesThePrimaryAlone(string weight)
    {
        var yaml = Waypoint + Canary + Reviews(", istio.io/use-waypoint-canary: canary", $"{{ istio.io/use-waypoint-canary-weight: \"{weight}\" }}");

        var bound = Bound(TranslateIstio(yaml));
        Assert.Equal(("False", "CanaryInvalidWeight"), (bound.Status, bound.Reason));
        Assert.Contains(ReviewsChain, ChainNames(For(yaml, "waypoint")));
        Assert.Null(For(yaml, "canary").Listeners.SingleOrDefault(static l => l.Name == "main_internal")?.FilterChains.SingleOrDefault(static c => c.Name == ReviewsChain));
    }

    [Fact]
    public void ACanaryThatIsThePrimaryIsCanarySameAsPrimaryAndLeavesThePrimaryAlone()
    {
        var yaml = Waypoint + Reviews(", istio.io/use-waypoint-canary: waypoint", "{ istio.io/use-waypoint-canary-weight: \"50\" }");
        var snapshot = TranslateIstio(yaml);

        Assert.Equal(("False", "CanarySameAsPrimary"), (Bound(snapshot).Status, Bound(snapshot).Reason));
        Assert.Contains(ReviewsChain, ChainNames(For(yaml, "waypoint")));
    }

    [Fact]
    public void ACanaryThatIsNotReadyIsReportedWithItsBindingErrorAndLeavesThePrimaryAlone()
    {
        var yaml = Waypoint + Reviews(", istio.io/use-waypoint-canary: missing");

        Assert.Equal(("False", "WaypointIsNotReady"), (Bound(TranslateIstio(yaml)).Status, Bound(TranslateIstio(yaml)).Reason));
        Assert.Contains(ReviewsChain, ChainNames(For(yaml, "waypoint")));
    }
}
