using RulesMesh.Rules;
using static RulesMesh.Tests.Capture.MeshManifests;

namespace RulesMesh.Tests.Capture;

/// <summary>Which Gateways are waypoints that capture services in the kgateway profile (docs/spec/kgateway-waypoint.md §2.1, §2.5).</summary>
public sealed class WaypointGateTests
{
    [Fact]
    public void WithoutAWaypointForLabelAGatewayServesServices()
    {
        var decision = RunCapture(Waypoint("infra", "waypoint")).Gateway(InfraWaypoint)!.Decision;

        Assert.True(decision.IsWaypoint);
        Assert.Equal("waypoint.for-services", decision.DecidingRule);
        Assert.Equal("istio.io/waypoint-for is not set, which means service, so it captures services", decision.Trace[^1].Reason);
    }

    [Theory]
    [InlineData("service", true)]
    [InlineData("all", true)]
    [InlineData("workload", false)]
    [InlineData("none", false)]
    [InlineData("services", false)]
    public void OnlyWaypointForServiceOrAllCapturesServices(string waypointFor, bool capturesServices)
    {
        var result = RunCapture(Waypoint("infra", "waypoint", labels: $"istio.io/waypoint-for={waypointFor}") + Service("infra", "svc-a", "istio.io/use-waypoint=waypoint"));

        var waypoint = result.Gateway(InfraWaypoint)!;
        Assert.Equal(capturesServices, waypoint.IsWaypoint);
        Assert.Equal(capturesServices, waypoint.ProducesOutput);
        Assert.Equal("waypoint.for-services", waypoint.Decision.DecidingRule);
    }

    [Fact]
    public void AGatewayOfAnotherClassIsNotAWaypointWhateverItsLabels()
    {
        var decision = RunCapture(Waypoint("infra", "waypoint", gatewayClass: "istio-waypoint", labels: "istio.io/waypoint-for=all")).Gateway(InfraWaypoint)!.Decision;

        Assert.False(decision.IsWaypoint);
        Assert.Equal("kgateway.waypoint.class", decision.DecidingRule);
        Assert.Equal("its gatewayClassName is istio-waypoint, not the waypoint class kgateway-waypoint", decision.Reason);
    }

    [Fact]
    public void TheConfiguredWaypointClassReplacesKgatewayWaypoint()
    {
        var settings = new EngineSettings { WaypointClassName = "mesh-waypoints" };

        var result = RunCapture(Waypoint("infra", "configured", gatewayClass: "mesh-waypoints") + Waypoint("infra", "default"), settings: settings);

        Assert.True(result.Gateway(new("infra", "configured"))!.IsWaypoint);
        Assert.False(result.Gateway(new("infra", "default"))!.IsWaypoint);
        Assert.Equal("infra/configured", Assert.Single(result.Waypoints).Name.ToString());
    }
}
