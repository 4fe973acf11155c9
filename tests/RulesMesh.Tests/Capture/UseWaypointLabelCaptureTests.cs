using RulesMesh.Mesh;
using static RulesMesh.Tests.Capture.MeshManifests;

namespace RulesMesh.Tests.Capture;

/// <summary>Which waypoint a service names (kgateway's <c>getUseWaypoint</c> and <c>doWaypointAttachment</c>, docs/spec/kgateway-waypoint.md §2.2).</summary>
public sealed class UseWaypointLabelCaptureTests
{
    [Fact]
    public void TheObjectsLabelBeatsItsNamespacesLabel()
    {
        var result = RunCapture(
            Namespace("shop", "istio.io/use-waypoint=ns-waypoint")
            + Service("shop", "catalog", "istio.io/use-waypoint=own-waypoint"));

        var decision = result.Service(ServiceKey("shop", "catalog"))!.Decision;
        Assert.Equal(new NamespacedName("shop", "own-waypoint"), decision.Waypoint);
        Assert.Equal("waypoint.capture.object-label", decision.DecidingRule);
    }

    [Fact]
    public void NoneOnTheObjectBlocksEvenALabelledNamespace()
    {
        var result = RunCapture(
            Namespace("shop", "istio.io/use-waypoint=waypoint")
            + Service("shop", "legacy", "istio.io/use-waypoint=none"));

        var decision = result.Service(ServiceKey("shop", "legacy"))!.Decision;
        Assert.False(decision.IsCaptured);
        Assert.Equal("waypoint.capture.object-label", decision.DecidingRule);
        Assert.DoesNotContain(decision.Trace, static step => step.Rule == "waypoint.capture.namespace-label");
    }

    [Fact]
    public void NoneOnTheNamespaceBlocksOnlyObjectsWithoutTheirOwnLabel()
    {
        var result = RunCapture(
            Namespace("shop", "istio.io/use-waypoint=none")
            + Service("shop", "unlabelled")
            + Service("shop", "labelled", "istio.io/use-waypoint=waypoint"));

        var unlabelled = result.Service(ServiceKey("shop", "unlabelled"))!.Decision;
        Assert.False(unlabelled.IsCaptured);
        Assert.Equal("waypoint.capture.namespace-label", unlabelled.DecidingRule);
        Assert.Equal(new NamespacedName("shop", "waypoint"), result.Service(ServiceKey("shop", "labelled"))!.Decision.Waypoint);
    }

    [Fact]
    public void TheObjectsUseWaypointNamespaceLabelPlacesTheWaypointItNames()
    {
        var result = RunCapture(Service("shop", "catalog", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra"));

        Assert.Equal(InfraWaypoint, result.Service(ServiceKey("shop", "catalog"))!.Decision.Waypoint);
    }

    [Fact]
    public void TheObjectsUseWaypointNamespaceLabelIsIgnoredWhenTheNameComesFromTheNamespace()
    {
        // The namespace is read from the same label set that gave the name: here the Namespace's, which has none.
        var result = RunCapture(
            Namespace("shop", "istio.io/use-waypoint=waypoint")
            + Service("shop", "catalog", "istio.io/use-waypoint-namespace=infra"));

        Assert.Equal(new NamespacedName("shop", "waypoint"), result.Service(ServiceKey("shop", "catalog"))!.Decision.Waypoint);
    }

    [Fact]
    public void TheNamespacesUseWaypointNamespaceLabelPlacesTheWaypointItsNamespaceNames()
    {
        var result = RunCapture(
            Namespace("shop", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra")
            + Service("shop", "catalog"));

        var decision = result.Service(ServiceKey("shop", "catalog"))!.Decision;
        Assert.Equal(InfraWaypoint, decision.Waypoint);
        Assert.Equal("waypoint.capture.namespace-label", decision.DecidingRule);
    }

    [Fact]
    public void AnObjectWithoutLabelsInANamespaceWithoutLabelsIsNotCaptured()
    {
        var result = RunCapture(Namespace("shop") + Service("shop", "catalog"));

        var decision = result.Service(ServiceKey("shop", "catalog"))!.Decision;
        Assert.False(decision.IsCaptured);
        Assert.Null(decision.DecidingRule);
        Assert.Equal(["waypoint.capture.object-label", "waypoint.capture.namespace-label"], decision.Trace.Select(static step => step.Rule));
        Assert.All(decision.Trace, static step => Assert.Equal("Abstain", step.Outcome));
    }

    [Fact]
    public void ServicesAndServiceEntriesGoThroughTheSameRules()
    {
        var result = RunCapture(
            Namespace("shop", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-namespace=infra")
            + Service("shop", "catalog")
            + ServiceEntry("shop", "api")
            + Service("shop", "legacy", "istio.io/use-waypoint=none")
            + ServiceEntry("shop", "old-api", "istio.io/use-waypoint=none"));

        Assert.Equal(
            [ServiceKey("shop", "catalog"), ServiceEntryKey("shop", "api")],
            result.ServicesNaming(InfraWaypoint).Select(static s => s.Key));
        Assert.Equal(
            result.Service(ServiceKey("shop", "legacy"))!.Decision.DecidingRule,
            result.Service(ServiceEntryKey("shop", "old-api"))!.Decision.DecidingRule);
    }

    [Fact]
    public void AServiceIsFiledUnderTheGatewayItNamesEvenWhenThatGatewayDoesNotExist()
    {
        // kgateway validates nothing at attachment time: the index is keyed by the label-derived name alone.
        var result = RunCapture(Waypoint("infra", "waypoint") + Service("infra", "svc-a", "istio.io/use-waypoint=not-our-waypoint"));

        var missing = new NamespacedName("infra", "not-our-waypoint");
        Assert.Equal([ServiceKey("infra", "svc-a")], result.ServicesNaming(missing).Select(static s => s.Key));
        Assert.Empty(result.Gateway(InfraWaypoint)!.Services);
        var unserved = Assert.Single(result.Unserved);
        Assert.Equal("names waypoint infra/not-our-waypoint, which does not exist", unserved.Problem);
    }

    [Fact]
    public void AServiceIsFiledUnderAGatewayThatIsNotAWaypointButThatGatewayProducesNothing()
    {
        var result = RunCapture(Waypoint("infra", "ingress", gatewayClass: "kgateway") + Service("infra", "svc-a", "istio.io/use-waypoint=ingress"));

        var ingress = result.Gateway(new NamespacedName("infra", "ingress"))!;
        Assert.Equal([ServiceKey("infra", "svc-a")], ingress.Services.Select(static s => s.Key));
        Assert.False(ingress.IsWaypoint);
        Assert.False(ingress.ProducesOutput);
        Assert.Equal(
            "names waypoint infra/ingress, which is not a waypoint: its gatewayClassName is kgateway, not the waypoint class kgateway-waypoint",
            Assert.Single(result.Unserved).Problem);
    }
}
