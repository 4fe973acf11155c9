using RulesMesh.Capture;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Rules;
using static RulesMesh.Tests.Capture.MeshManifests;

namespace RulesMesh.Tests.Capture;

/// <summary>The listener a kgateway waypoint serves and the Gateway status it reports (docs/spec/kgateway-waypoint.md §5.1).</summary>
public sealed class KgatewayProxyListenerTests
{
    [Fact]
    public void TheServedProxyListenerGetsKgatewaysHealthyStatus()
    {
        var verdict = Listeners(Gateway("""
            - name: proxy
              port: 15088
              protocol: istio.io/PROXY
            """));

        Assert.Equal("proxy", verdict.ListenerName);
        Assert.Equal(15088, verdict.Port);
        Assert.Equal(
            ["Accepted/True/Accepted/Successfully accepted Gateway", "Programmed/True/Programmed/Successfully programmed Gateway", "ResolvedRefs/True/ResolvedRefs/Successfully resolved all Gateway references"],
            verdict.Status.Conditions!.Select(static c => $"{c.Type}/{c.Status}/{c.Reason}/{c.Message}"));
        var listener = Assert.Single(verdict.Status.Listeners!);
        Assert.Equal(0, listener.AttachedRoutes);
        Assert.Equal(["gateway.networking.k8s.io/HTTPRoute"], listener.SupportedKinds!.Select(static k => $"{k.Group}/{k.Kind}"));
        Assert.Equal(
            ["Accepted/True/Accepted/Successfully accepted Listener", "Conflicted/False/NoConflicts/Successfully verified that Listener has no conflicts", "ResolvedRefs/True/ResolvedRefs/Successfully resolved all references", "Programmed/True/Programmed/Successfully programmed Listener"],
            listener.Conditions.Select(static c => $"{c.Type}/{c.Status}/{c.Reason}/{c.Message}"));
    }

    [Fact]
    public void TheFirstProxyListenerIsServedAndEveryOtherListenerIsRejected()
    {
        var verdict = Listeners(Gateway("""
            - name: http
              port: 80
              protocol: HTTP
            - name: proxy
              port: 15088
              protocol: istio.io/PROXY
            - name: second-proxy
              port: 15089
              protocol: istio.io/PROXY
            """));

        Assert.Equal("proxy", verdict.ListenerName);
        Assert.All(verdict.Status.Listeners!.Where(static l => l.Name != "proxy"), static rejected =>
        {
            Assert.Empty(rejected.SupportedKinds!);
            var accepted = rejected.Conditions[0];
            Assert.Equal(("Accepted", "False", "Invalid"), (accepted.Type, accepted.Status, accepted.Reason));
            Assert.Equal("Only a 'istio.io/PROXY' listener is allowed for kgateway-waypoint Gateways.", accepted.Message);
        });
        Assert.Equal(["http", "proxy", "second-proxy"], verdict.Status.Listeners!.Select(static l => l.Name));
    }

    [Theory]
    [InlineData("[{kind: HTTPRoute}]", "HTTPRoute")]
    [InlineData("[{group: gateway.networking.k8s.io, kind: HTTPRoute}, {kind: GRPCRoute}]", "HTTPRoute")]
    [InlineData("[{kind: GRPCRoute}]", "")]
    [InlineData("[{group: example.com, kind: HTTPRoute}]", "")]
    public void AllowedRouteKindsNarrowTheSupportedKinds(string kinds, string supported)
    {
        var verdict = Listeners(Gateway($"""
            - name: proxy
              port: 15088
              protocol: istio.io/PROXY
              allowedRoutes:
                kinds: {kinds}
            """));

        Assert.Equal(supported, string.Join(",", Assert.Single(verdict.Status.Listeners!).SupportedKinds!.Select(static k => k.Kind)));
    }

    [Fact]
    public void WithoutAProxyListenerTheGatewayIsNotAcceptedAndItsServicesGetNoConfiguration()
    {
        var result = RunCapture(Gateway("""
            - name: http
              port: 80
              protocol: HTTP
            """) + Service("infra", "svc-a", "istio.io/use-waypoint=waypoint"));

        var waypoint = result.Gateway(InfraWaypoint)!;
        Assert.True(waypoint.IsWaypoint);
        Assert.False(waypoint.ProducesOutput);
        Assert.Null(waypoint.Listener!.ListenerName);
        var accepted = waypoint.Listener.Status.Conditions![0];
        Assert.Equal(("Accepted", "False", "ListenersNotValid"), (accepted.Type, accepted.Status, accepted.Reason));
        Assert.Equal("Must contain at one listener with the protocol 'istio.io/PROXY'", accepted.Message);
        Assert.Equal(
            "names waypoint infra/waypoint, which serves no listener (Accepted=False, ListenersNotValid: Must contain at one listener with the protocol 'istio.io/PROXY')",
            Assert.Single(result.Unserved).Problem);
    }

    [Fact]
    public void EveryConditionObservesTheGatewaysGeneration()
    {
        var verdict = Listeners(Gateway("""
            - name: proxy
              port: 15088
              protocol: istio.io/PROXY
            """, generation: 7));

        Assert.All(verdict.Status.Conditions!, static c => Assert.Equal(7, c.ObservedGeneration));
        Assert.All(verdict.Status.Listeners!.SelectMany(static l => l.Conditions), static c => Assert.Equal(7, c.ObservedGeneration));
    }

    [Fact]
    public void AGatewayOfAnotherClassIsLeftToOtherListenerRules()
    {
        var gateway = LoadSingle<Gateway>(Waypoint("infra", "ingress", gatewayClass: "kgateway"));

        Assert.Null(new KgatewayProxyListener().Evaluate(gateway, Context()));
    }

    private static ListenerVerdict Listeners(string gatewayYaml)
        => new KgatewayProxyListener().Evaluate(LoadSingle<Gateway>(gatewayYaml), Context())
            ?? throw new Xunit.Sdk.XunitException("The rule left a waypoint-class Gateway to other rules.");

    private static RuleContext Context() => new(new EngineSettings(), new Dictionary<string, k8s.Models.V1Namespace>());

    private static string Gateway(string listeners, int generation = 0) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: waypoint
          namespace: infra
          generation: {generation}
        spec:
          gatewayClassName: kgateway-waypoint
          listeners:
        {string.Join("\n", listeners.Split('\n').Select(static line => "  " + line))}
        ---

        """;
}
