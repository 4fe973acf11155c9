using RulesMesh.Rules;
using static RulesMesh.Tests.Capture.MeshManifests;

namespace RulesMesh.Tests.Capture;

/// <summary>Istio's waypoint semantics in the <c>istio</c> profile (docs/spec/istio-gatewayapi.md §6.2, §6.3).</summary>
public sealed class IstioProfileCaptureTests
{
    [Fact]
    public void AnyGatewayWithStatusAddressesIsAWaypointWhateverItsClass()
    {
        var result = RunCapture(IstioWaypoint("infra", "waypoint", gatewayClass: "anything") + IstioWaypoint("infra", "pending", ready: false), "istio");

        Assert.True(result.Gateway(InfraWaypoint)!.IsWaypoint);
        var pending = result.Gateway(new("infra", "pending"))!.Decision;
        Assert.False(pending.IsWaypoint);
        Assert.Equal("istio.waypoint.has-address", pending.DecidingRule);
    }

    [Fact]
    public void AnObjectNamingAMissingWaypointGetsNoneAndDoesNotFallBackToItsNamespace()
    {
        var result = RunCapture(
            Namespace("infra", "istio.io/use-waypoint=waypoint") + IstioWaypoint("infra", "waypoint")
            + Service("infra", "svc-a", "istio.io/use-waypoint=missing"),
            "istio");

        var decision = result.Service(ServiceKey("infra", "svc-a"))!.Decision;
        Assert.False(decision.IsCaptured);
        Assert.Equal("istio.capture.object-label", decision.DecidingRule);
        Assert.Contains("there is no Gateway infra/missing: istiod reports WaypointIsNotReady, and since the object named it, istiod does not fall back to the namespace label", decision.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(decision.Trace, static step => step.Rule == "istio.capture.namespace-label");
    }

    [Fact]
    public void AWaypointWithoutStatusAddressesIsNotReady()
    {
        var result = RunCapture(IstioWaypoint("infra", "waypoint", ready: false) + Service("infra", "svc-a", "istio.io/use-waypoint=waypoint"), "istio");

        Assert.Contains("Gateway infra/waypoint has no status.addresses yet: istiod reports WaypointIsNotReady", result.Service(ServiceKey("infra", "svc-a"))!.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNamespaceLevelBindingIsCheckedToo()
    {
        var result = RunCapture(Namespace("shop", "istio.io/use-waypoint=missing") + Service("shop", "catalog"), "istio");

        var decision = result.Service(ServiceKey("shop", "catalog"))!.Decision;
        Assert.False(decision.IsCaptured);
        Assert.Equal("istio.capture.namespace-label", decision.DecidingRule);
    }

    [Fact]
    public void WithoutAllowedRoutesAWaypointAdmitsOnlyItsOwnNamespace()
    {
        var result = RunCapture(
            IstioWaypoint("infra", "waypoint")
            + Service("infra", "local", "istio.io/use-waypoint=waypoint")
            + Service("shop", "remote", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"),
            "istio");

        Assert.Equal([ServiceKey("infra", "local")], result.Gateway(InfraWaypoint)!.Services.Select(static s => s.Key));
        Assert.EndsWith(
            "but on Gateway infra/waypoint listener mesh allows from: Same, which does not admit namespace shop: istiod reports AttachmentDenied",
            result.Service(ServiceKey("shop", "remote"))!.Decision.Reason,
            StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedRoutesFromAllAdmitEveryNamespace()
    {
        var result = RunCapture(
            IstioWaypoint("infra", "waypoint", allowedRoutes: "namespaces: {from: All}")
            + Service("shop", "remote", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"),
            "istio");

        Assert.Equal(InfraWaypoint, result.Service(ServiceKey("shop", "remote"))!.Decision.Waypoint);
    }

    [Fact]
    public void AllowedRoutesSelectorAdmitsOnlyNamespacesWhoseLabelsMatch()
    {
        var result = RunCapture(
            IstioWaypoint("infra", "waypoint", allowedRoutes: "namespaces: {from: Selector, selector: {matchLabels: {mesh: enrolled}, matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [blocked]}]}}")
            + Namespace("shop", "mesh=enrolled", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra")
            + Namespace("blocked", "mesh=enrolled", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra")
            + Namespace("other", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra")
            + Service("shop", "a") + Service("blocked", "b") + Service("other", "c"),
            "istio");

        Assert.Equal([ServiceKey("shop", "a")], result.Gateway(InfraWaypoint)!.Services.Select(static s => s.Key));
    }

    [Fact]
    public void TheInboundBindingAnnotationOnTheGatewayClassPicksTheListenerWhoseAllowedRoutesApply()
    {
        // As in samples/mesh: the class binds PROXY/15088, so the PROXY listener's allowedRoutes count, not HBONE's.
        var result = RunCapture(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata:
              name: istio-waypoint
              annotations: {ambient.istio.io/waypoint-inbound-binding: PROXY/15088}
            spec:
              controllerName: istio.io/mesh-controller
            ---

            """
            + IstioWaypoint("infra", "waypoint", allowedRoutes: "namespaces: {from: Same}", extraListener: "{name: proxy, port: 15088, protocol: istio.io/PROXY, allowedRoutes: {namespaces: {from: All}}}")
            + Service("shop", "remote", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"),
            "istio");

        Assert.Equal(InfraWaypoint, result.Service(ServiceKey("shop", "remote"))!.Decision.Waypoint);
        Assert.Equal("proxy", result.Gateway(InfraWaypoint)!.Listener!.ListenerName);
    }

    [Fact]
    public void AServiceNamingAWorkloadOnlyWaypointGetsNone()
    {
        var result = RunCapture(
            IstioWaypoint("infra", "waypoint", labels: "istio.io/waypoint-for=workload") + Service("infra", "svc-a", "istio.io/use-waypoint=waypoint"),
            "istio");

        Assert.Contains("its label istio.io/waypoint-for=workload, which takes no service traffic: istiod reports UnsupportedTrafficType", result.Service(ServiceKey("infra", "svc-a"))!.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal("istio.waypoint.for-services", result.Gateway(InfraWaypoint)!.Decision.DecidingRule);
    }

    [Fact]
    public void TheTrafficTypeFallsBackToTheGatewayClassLabel()
    {
        var result = RunCapture(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata:
              name: istio-waypoint
              labels: {istio.io/waypoint-for: workload}
            spec:
              controllerName: istio.io/mesh-controller
            ---

            """ + IstioWaypoint("infra", "waypoint"),
            "istio");

        var decision = result.Gateway(InfraWaypoint)!.Decision;
        Assert.True(decision.IsWaypoint);
        Assert.Contains(decision.Trace, static step => step.Reason == "its GatewayClass istio-waypoint has istio.io/waypoint-for=workload, so it serves the workloads bound to it and captures no services");
    }

    [Fact]
    public void AGatewaysOwnServiceNeverUsesAWaypoint()
    {
        var result = RunCapture(
            Namespace("infra", "istio.io/use-waypoint=waypoint") + IstioWaypoint("infra", "waypoint")
            + Service("infra", "waypoint", "gateway.istio.io/managed=istio.io-mesh-controller"),
            "istio");

        var decision = result.Service(ServiceKey("infra", "waypoint"))!.Decision;
        Assert.False(decision.IsCaptured);
        Assert.Equal("istio.capture.gateway-service-opt-out", decision.DecidingRule);
    }

    [Fact]
    public void TheIstioListenerRuleServesTheHboneListenerAndReportsOthersUnsupported()
    {
        var result = RunCapture(IstioWaypoint("infra", "waypoint", extraListener: "{name: http, port: 80, protocol: HTTP}"), "istio");

        var listener = result.Gateway(InfraWaypoint)!.Listener!;
        Assert.Equal(("mesh", 15008), (listener.ListenerName, listener.Port));
        Assert.Equal(["Resource accepted", "Resource programmed, assigned to service(s) waypoint.infra.svc.cluster.local:15008"], listener.Status.Conditions!.Select(static c => c.Message));
        Assert.All(listener.Status.Listeners![0].Conditions, static c => Assert.Equal("No errors found", c.Message));
        Assert.Equal(("False", "UnsupportedProtocol"), listener.Status.Listeners[1].Conditions.Single(static c => c.Type == "Accepted") is var accepted ? (accepted.Status, accepted.Reason) : default);
        Assert.Equal([0, 2], listener.Status.Listeners!.Select(static l => l.SupportedKinds!.Count));
    }

    [Fact]
    public void TheIstioProfileReplacesTheSharedCaptureRulesItRefines()
    {
        var rules = WaypointPipelines.Create("istio").Rules;

        Assert.Equal(
            ["waypoint.for-services", "waypoint.capture.object-label", "waypoint.capture.namespace-label"],
            rules.Where(static r => r.Replaced is not null && r.Stage == RuleStage.Capture).Select(static r => r.Replaced));
        Assert.DoesNotContain(rules, static r => r.Name is "kgateway.waypoint.class" or "kgateway.listeners.proxy-protocol");
    }

    /// <summary>An Istio waypoint as <c>istioctl waypoint apply</c> writes it (HBONE on 15008), ready unless told otherwise.</summary>
    private static string IstioWaypoint(
        string ns, string name, string gatewayClass = "istio-waypoint", bool ready = true, string? allowedRoutes = null, string? extraListener = null, params string[] labels) => $"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {name}
          namespace: {ns}
          labels: {Labels(labels)}
        spec:
          gatewayClassName: {gatewayClass}
          listeners:
          - name: mesh
            port: 15008
            protocol: HBONE
            allowedRoutes: {"{" + allowedRoutes + "}"}
          {(extraListener is null ? string.Empty : "- " + extraListener)}
        status:
          addresses: {(ready ? $"[{{type: Hostname, value: {name}.{ns}.svc.cluster.local}}]" : "[]")}
        ---

        """;
}
