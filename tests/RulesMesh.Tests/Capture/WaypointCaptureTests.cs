using RulesMesh.Capture;
using static RulesMesh.Tests.Capture.MeshManifests;

namespace RulesMesh.Tests.Capture;

/// <summary>The capture run itself: what it models, judges and reports, and in which order.</summary>
public sealed class WaypointCaptureTests
{
    [Fact]
    public void ServicesAreListedByKindThenNamespaceThenName()
    {
        var result = RunCapture(
            Namespace("b", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra")
            + Namespace("a", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra")
            + ServiceEntry("a", "z") + Service("b", "y") + Service("a", "z") + Service("a", "x") + Waypoint("infra", "waypoint"));

        Assert.Equal(
            [ServiceKey("a", "x"), ServiceKey("a", "z"), ServiceKey("b", "y"), ServiceEntryKey("a", "z")],
            result.Gateway(InfraWaypoint)!.Services.Select(static s => s.Key));
        Assert.Equal(result.Gateway(InfraWaypoint)!.Services, result.Services);
    }

    [Fact]
    public void OnlyObjectsAServiceModelRuleReadsBecomeServices()
    {
        var result = RunCapture(Namespace("shop") + Waypoint("infra", "waypoint") + Service("shop", "catalog") + """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            """);

        Assert.Equal([ServiceKey("shop", "catalog")], result.Services.Select(static s => s.Key));
    }

    [Fact]
    public void OlderApiVersionsOfGatewaysAndServiceEntriesAreCapturedLikeV1()
    {
        var result = RunCapture(
            Waypoint("infra", "waypoint").Replace("gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1", StringComparison.Ordinal)
            + ServiceEntry("shop", "api", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra")
                .Replace("networking.istio.io/v1", "networking.istio.io/v1alpha3", StringComparison.Ordinal));

        var waypoint = result.Gateway(InfraWaypoint)!;
        Assert.True(waypoint.ProducesOutput);
        Assert.Equal([ServiceEntryKey("shop", "api")], waypoint.Services.Select(static s => s.Key));
    }

    [Fact]
    public void TheDefaultCaptureRunsTheKgatewayProfileWithDefaultSettings()
    {
        var capture = new WaypointCapture(WaypointPipelines.Create());

        Assert.Equal(WaypointPipelines.DefaultProfile, capture.Pipeline.Profile);
        Assert.Equal("kgateway", capture.Pipeline.Profile);
        Assert.Equal("cluster.local", capture.Settings.ClusterDomain);
    }

    [Fact]
    public void GatewaysAreListedByNamespaceThenNameAndWaypointsAreThoseThatPass()
    {
        var result = RunCapture(Waypoint("b", "w") + Waypoint("a", "z") + Waypoint("a", "ingress", gatewayClass: "kgateway"));

        Assert.Equal(["a/ingress", "a/z", "b/w"], result.Gateways.Select(static g => g.Name.ToString()));
        Assert.Equal(["a/z", "b/w"], result.Waypoints.Select(static g => g.Name.ToString()));
    }
}
