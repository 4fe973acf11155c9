using static RulesMesh.Tests.Capture.MeshManifests;

namespace RulesMesh.Tests.Capture;

/// <summary>The explanation a user reads for <c>--explain</c>: the answer with its deciding rule, then every rule's step.</summary>
public sealed class CaptureExplanationTests
{
    private const string Shop = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels:
            istio.io/use-waypoint: waypoint
            istio.io/use-waypoint-namespace: infra
        ---

        """;

    [Fact]
    public void AnOptedOutServiceIsExplainedByItsOwnLabel()
    {
        var result = RunCapture(Shop + Waypoint("infra", "waypoint") + Service("shop", "legacy", "istio.io/use-waypoint=none"));

        var explanation = result.Explain(ServiceKey("shop", "legacy"));

        Assert.Equal(
            "Service shop/legacy is not captured: the Service's own label istio.io/use-waypoint=none opts out of any waypoint (rule waypoint.capture.object-label).",
            explanation.Summary);
        Assert.Equal(
            ["Capture rules, in order:", "  1. waypoint.capture.object-label → not captured: the Service's own label istio.io/use-waypoint=none opts out of any waypoint"],
            explanation.Details);
    }

    [Fact]
    public void ACapturedServiceIsExplainedWithEveryRuleStepAndTheWaypointsOwnVerdict()
    {
        var result = RunCapture(Shop + Waypoint("infra", "waypoint") + Service("shop", "catalog"));

        var explanation = result.Explain(ServiceKey("shop", "catalog"), InfraWaypoint);

        Assert.Equal(
            "Service shop/catalog is captured by waypoint infra/waypoint: the label on namespace shop istio.io/use-waypoint=waypoint with istio.io/use-waypoint-namespace=infra (rule waypoint.capture.namespace-label).",
            explanation.Summary);
        Assert.Equal(
            [
                "Capture rules, in order:",
                "  1. waypoint.capture.object-label → no opinion: the Service's own label istio.io/use-waypoint is not set",
                "  2. waypoint.capture.namespace-label → captured: the label on namespace shop istio.io/use-waypoint=waypoint with istio.io/use-waypoint-namespace=infra",
                "Gateway infra/waypoint is a waypoint: its gatewayClassName is kgateway-waypoint; istio.io/waypoint-for is not set, which means service, so it captures services.",
                "Waypoint rules, in order:",
                "  1. kgateway.waypoint.class → passed: its gatewayClassName is kgateway-waypoint",
                "  2. waypoint.for-services → passed: istio.io/waypoint-for is not set, which means service, so it captures services",
                "It serves listener proxy on port 15088.",
            ],
            explanation.Details);
    }

    [Fact]
    public void AskingAboutAnotherWaypointSaysWhichOneTheServiceUsesInstead()
    {
        var result = RunCapture(Shop + Waypoint("infra", "waypoint") + Waypoint("infra", "other") + Service("shop", "catalog"));

        var explanation = result.Explain(ServiceKey("shop", "catalog"), new("infra", "other"));

        Assert.Equal(
            "Service shop/catalog is not captured by infra/other: it names waypoint infra/waypoint instead, because the label on namespace shop istio.io/use-waypoint=waypoint with istio.io/use-waypoint-namespace=infra (rule waypoint.capture.namespace-label).",
            explanation.Summary);
        Assert.Contains("Gateway infra/other is a waypoint: its gatewayClassName is kgateway-waypoint; istio.io/waypoint-for is not set, which means service, so it captures services.", explanation.Details);
    }

    [Fact]
    public void AServiceNamingAMissingGatewayIsExplainedAsFiledButUnserved()
    {
        var result = RunCapture(Waypoint("infra", "example-waypoint") + Service("infra", "svc-a", "istio.io/use-waypoint=not-our-waypoint"));

        var explanation = result.Explain(ServiceKey("infra", "svc-a"));

        Assert.Equal(
            "Service infra/svc-a is not served by any waypoint: it names infra/not-our-waypoint (rule waypoint.capture.object-label), and there is no Gateway infra/not-our-waypoint.",
            explanation.Summary);
        Assert.Equal(
            "It names infra/not-our-waypoint because the Service's own label istio.io/use-waypoint=not-our-waypoint (namespace infra, since istio.io/use-waypoint-namespace is not set).",
            explanation.Details[0]);
        Assert.StartsWith("Nothing checks the Gateway when a service is filed under the name its labels give", explanation.Details[1], StringComparison.Ordinal);
        Assert.Equal("There is no Gateway infra/not-our-waypoint.", explanation.Details[^1]);
    }

    [Fact]
    public void AServiceNamingAGatewayThatIsNotAWaypointIsExplainedWithTheGatewaysFailingRule()
    {
        var result = RunCapture(Waypoint("infra", "ingress", gatewayClass: "kgateway") + Service("infra", "svc-a", "istio.io/use-waypoint=ingress"));

        var explanation = result.Explain(ServiceKey("infra", "svc-a"));

        Assert.Equal(
            "Service infra/svc-a is not served by any waypoint: it names infra/ingress (rule waypoint.capture.object-label), which is not a waypoint, since its gatewayClassName is kgateway, not the waypoint class kgateway-waypoint (rule kgateway.waypoint.class).",
            explanation.Summary);
        Assert.Contains("  1. kgateway.waypoint.class → failed: its gatewayClassName is kgateway, not the waypoint class kgateway-waypoint", explanation.Details);
    }

    [Fact]
    public void AServiceNamingAWaypointWithoutAProxyListenerIsToldWhatTheListenerStageRejected()
    {
        var result = RunCapture(Waypoint("infra", "waypoint").Replace("istio.io/PROXY", "HTTP", StringComparison.Ordinal) + Service("infra", "svc-a", "istio.io/use-waypoint=waypoint"));

        var explanation = result.Explain(ServiceKey("infra", "svc-a"));

        Assert.EndsWith(
            "which serves no listener (Accepted=False, ListenersNotValid: Must contain at one listener with the protocol 'istio.io/PROXY').",
            explanation.Summary,
            StringComparison.Ordinal);
        Assert.Equal("It serves no listener: Accepted=False, ListenersNotValid: Must contain at one listener with the protocol 'istio.io/PROXY'.", explanation.Details[^1]);
    }

    [Fact]
    public void AWaypointNoListenerRuleHandlesIsSaidNotToBeLimitedByItsListeners()
    {
        // In the istio profile only istio-waypoint Gateways get a listener verdict; a ready kgateway-waypoint still captures.
        var result = RunCapture(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {name: waypoint, namespace: infra}
            spec:
              gatewayClassName: kgateway-waypoint
              listeners: [{name: proxy, port: 15088, protocol: istio.io/PROXY}]
            status:
              addresses: [{type: IPAddress, value: 10.0.0.9}]
            ---

            """ + Service("infra", "svc-a", "istio.io/use-waypoint=waypoint"),
            "istio");

        var explanation = result.Explain(ServiceKey("infra", "svc-a"));

        Assert.StartsWith("Service infra/svc-a is captured by waypoint infra/waypoint", explanation.Summary, StringComparison.Ordinal);
        Assert.Equal("No listener rule of this profile handles it, so its listeners do not limit what it captures.", explanation.Details[^1]);
    }

    [Fact]
    public void ACapturedServiceWithoutAVipIsToldItGetsNoFilterChain()
    {
        var headless = Service("shop", "catalog").Replace("clusterIP: 10.0.0.1", "clusterIP: None", StringComparison.Ordinal);
        var result = RunCapture(Shop + Waypoint("infra", "waypoint") + headless);

        var explanation = result.Explain(ServiceKey("shop", "catalog"));

        Assert.StartsWith("Service shop/catalog is captured by waypoint infra/waypoint", explanation.Summary, StringComparison.Ordinal);
        Assert.StartsWith("It has no VIP", explanation.Details[0], StringComparison.Ordinal);
    }

    [Fact]
    public void AServiceThatWasNotLoadedIsSaidToBeUnknown()
    {
        var explanation = RunCapture(Shop).Explain(ServiceEntryKey("shop", "ghost"));

        Assert.Equal("ServiceEntry shop/ghost was not loaded (or no service-model rule reads its kind), so no capture rule judged it.", explanation.Summary);
        Assert.Empty(explanation.Details);
    }

    [Fact]
    public void TheWholeExplanationReadsAsLines()
    {
        var explanation = RunCapture(Shop + Service("shop", "legacy", "istio.io/use-waypoint=none")).Explain(ServiceKey("shop", "legacy"));

        Assert.Equal(string.Join(Environment.NewLine, [explanation.Summary, .. explanation.Details]), explanation.ToString());
    }
}
