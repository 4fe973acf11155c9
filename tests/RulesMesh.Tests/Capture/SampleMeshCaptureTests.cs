using RulesMesh.Capture;
using RulesMesh.Loading;
using RulesMesh.Tests.Support;
using static RulesMesh.Tests.Capture.MeshManifests;

namespace RulesMesh.Tests.Capture;

/// <summary>
/// samples/mesh, with the expectations read off the manifests: <c>shop</c> is captured by infra/waypoint through its
/// Namespace labels (cross-namespace), except shop/legacy which opts out; in <c>payments</c> only the objects labelled
/// themselves are captured; ServiceEntries go the same way as Services.
/// </summary>
public sealed class SampleMeshCaptureTests
{
    private static readonly Lazy<CaptureResult> Kgateway = new(() => Run("kgateway"));

    [Fact]
    public void TheWaypointCapturesShopThroughItsNamespaceAndThePaymentsObjectsThatOptIn()
    {
        var waypoint = Kgateway.Value.Gateway(InfraWaypoint)!;

        Assert.True(waypoint.ProducesOutput);
        Assert.Equal("proxy", waypoint.Listener!.ListenerName);
        Assert.Equal(
            [
                ServiceKey("payments", "ledger"), ServiceKey("shop", "catalog"), ServiceKey("shop", "catalog-v2"), ServiceKey("shop", "orders"),
                ServiceEntryKey("payments", "stripe-api"), ServiceEntryKey("shop", "inventory"),
            ],
            waypoint.Services.Select(static s => s.Key));
    }

    [Theory]
    [InlineData("catalog")]
    [InlineData("catalog-v2")]
    [InlineData("orders")]
    public void ShopServicesUseTheCrossNamespaceWaypointTheirNamespaceNames(string name)
    {
        var decision = Kgateway.Value.Service(ServiceKey("shop", name))!.Decision;

        Assert.Equal(InfraWaypoint, decision.Waypoint);
        Assert.Equal("waypoint.capture.namespace-label", decision.DecidingRule);
    }

    [Fact]
    public void ShopLegacyIsTheOnlyServiceNotCapturedBecauseItsOwnLabelOptsOut()
    {
        var legacy = Assert.Single(Kgateway.Value.NotCaptured);

        Assert.Equal(ServiceKey("shop", "legacy"), legacy.Key);
        Assert.Equal("waypoint.capture.object-label", legacy.Decision.DecidingRule);
    }

    [Fact]
    public void PaymentsObjectsAreCapturedByTheirOwnLabelsAlthoughTheirNamespaceHasNone()
    {
        foreach (var key in new[] { ServiceKey("payments", "ledger"), ServiceEntryKey("payments", "stripe-api") })
        {
            var decision = Kgateway.Value.Service(key)!.Decision;
            Assert.Equal(InfraWaypoint, decision.Waypoint);
            Assert.Equal("waypoint.capture.object-label", decision.DecidingRule);
        }
    }

    [Fact]
    public void EveryCapturedPortGetsTheChainItsProtocolCallsFor()
    {
        // ledger's port is named grpc, orders' appProtocol is http, stripe-api's TLS is passed through as TCP.
        var chains = Kgateway.Value.Gateway(InfraWaypoint)!.Services
            .SelectMany(static s => s.Service.Ports.Select(port => $"{(port.IsHttp ? "http" : "tcp")} {port.Port} {s.Key.Namespace}/{s.Key.Name} {string.Join(",", s.Service.Addresses)}"));

        Assert.Equal(
            [
                "http 9090 payments/ledger 10.96.20.10", "http 8080 shop/catalog 10.96.10.11", "http 8080 shop/catalog-v2 10.96.10.12",
                "http 80 shop/orders 10.96.10.13", "tcp 443 payments/stripe-api 240.240.0.10", "http 8080 shop/inventory 240.240.0.20",
            ],
            chains);
    }

    [Fact]
    public void EveryServiceThatNamesAWaypointIsServedByIt()
    {
        Assert.Empty(Kgateway.Value.Unserved);
        Assert.Equal([InfraWaypoint], Kgateway.Value.Waypoints.Select(static w => w.Name));
    }

    [Fact]
    public void TheIstioProfileCapturesTheSameServicesSinceTheWaypointIsReadyAndAdmitsEveryNamespace()
    {
        var istio = Run("istio");

        Assert.True(istio.Gateway(InfraWaypoint)!.IsWaypoint);
        Assert.Equal(Kgateway.Value.Gateway(InfraWaypoint)!.Services.Select(static s => s.Key), istio.Gateway(InfraWaypoint)!.Services.Select(static s => s.Key));
    }

    private static CaptureResult Run(string profile)
    {
        var loaded = new ManifestLoader().LoadPaths(Path.Combine(RepositoryPaths.Samples, "mesh"));
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return new WaypointCapture(WaypointPipelines.Create(profile)).Run(loaded);
    }
}
