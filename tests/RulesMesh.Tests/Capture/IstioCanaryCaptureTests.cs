using RulesMesh.Capture;
using static RulesMesh.Tests.Capture.MeshManifests;

namespace RulesMesh.Tests.Capture;

/// <summary>Capture and <c>--explain</c> show a service's canary waypoint (istio profile, docs/spec/istio-gatewayapi.md §6.1).</summary>
public sealed class IstioCanaryCaptureTests
{
    private static readonly CaptureResult Result = RunCapture(
        ReadyWaypoint("waypoint") + ReadyWaypoint("canary")
        + Service("infra", "svc-a", "istio.io/use-waypoint=waypoint", "istio.io/use-waypoint-canary=canary"),
        "istio");

    [Fact]
    public void AValidCanaryIsRecordedOnTheDecisionWithWeightZeroByDefault()
    {
        var decision = Result.Service(ServiceKey("infra", "svc-a"))!.Decision;

        Assert.Equal(new WaypointCanary(new("infra", "canary"), 0), decision.Canary);
        Assert.Equal([new("infra", "waypoint"), new("infra", "canary")], decision.Waypoints);
    }

    [Fact]
    public void TheCanaryWaypointListsTheServiceItOwns()
        => Assert.Equal([ServiceKey("infra", "svc-a")], Result.ServicesNaming(new("infra", "canary")).Select(static s => s.Key));

    [Fact]
    public void ExplainingForTheCanarySaysTheServiceIsCapturedByItBesideItsPrimary()
    {
        var explanation = Result.Explain(ServiceKey("infra", "svc-a"), new("infra", "canary"));

        Assert.StartsWith("Service infra/svc-a is captured by canary waypoint infra/canary, which takes 0% of its traffic beside its primary waypoint infra/waypoint:", explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainingForThePrimaryNamesTheCanaryToo()
        => Assert.Contains("Canary waypoint infra/canary owns it too and takes 0% of its traffic.", Result.Explain(ServiceKey("infra", "svc-a")).Details);

    /// <summary>A ready Istio waypoint in <c>infra</c> (HBONE on 15008, a status address).</summary>
    private static string ReadyWaypoint(string name) => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: { name: {{name}}, namespace: infra }
        spec:
          gatewayClassName: istio-waypoint
          listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
        status:
          addresses: [{ type: Hostname, value: {{name}}.infra.svc.cluster.local }]
        ---

        """;
}
