using RulesMesh.Capture;
using RulesMesh.Engine;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Engine;

/// <summary>The engine keeps the istio profile's Service waypoint statuses as services change, and reports each change.</summary>
public sealed class ServiceWaypointStatusEngineTests
{
    private const string Bound = """
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
        spec: { clusterIP: 10.96.0.10, ports: [{ name: http, port: 9080 }] }
        """;

    private readonly ManifestObjects _objects = new();

    [Fact]
    public void Renaming_the_waypoint_turns_the_status_False_and_removing_the_label_removes_it_each_reported_as_a_change()
    {
        var engine = new TranslationEngine(WaypointPipelines.Create("istio"));
        var first = engine.Apply(Upserts(Waypoint + Bound));
        Assert.Equal("True", Only(first.State.Statuses.Services["shop/reviews"]).Status);

        var renamed = engine.Apply(Upserts(Bound.Replace("use-waypoint: waypoint", "use-waypoint: gone", StringComparison.Ordinal)));
        Assert.Equal(("False", "WaypointIsNotReady"), (Only(renamed.State.Statuses.Services["shop/reviews"]).Status, Only(renamed.State.Statuses.Services["shop/reviews"]).Reason));
        Assert.Contains(renamed.Changes.Statuses, static c => c.Kind == "Service" && c.Key == "shop/reviews" && c.Status is not null);

        var unlabelled = engine.Apply(Upserts(Bound.Replace("labels: { istio.io/use-waypoint: waypoint }", "labels: {}", StringComparison.Ordinal)));
        Assert.Empty(unlabelled.State.Statuses.Services);
        Assert.Contains(unlabelled.Changes.Statuses, static c => c.Kind == "Service" && c.Key == "shop/reviews" && c.Status is null);
    }

    private static k8s.Models.V1Condition Only(VersionedStatus status) => ((ServiceWaypointStatus)status.Status).Conditions.Single();

    private IEnumerable<ResourceChange> Upserts(string yaml) => _objects.LoadAll(yaml, "services.yaml").Select(static o => new ResourceChange.Upsert(o));
}
