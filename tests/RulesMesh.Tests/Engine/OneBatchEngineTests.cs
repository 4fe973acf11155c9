using RulesMesh.Engine;
using RulesMesh.Rules;
using RulesMesh.Synthetic;

namespace RulesMesh.Tests.Engine;

/// <summary>
/// The engine a batch command runs (<see cref="TranslationEngine.ForOneBatch"/>), which records no store reads: it gives
/// what an engine that takes further batches gives for the same objects, and it takes no second batch. The property
/// tests compare it with full runs over random edits of the conformance inputs; these cover a mesh with routes,
/// policies and failover, and proxyless clients.
/// </summary>
public sealed class OneBatchEngineTests
{
    [Theory]
    [InlineData("kgateway", false)]
    [InlineData("istio", false)]
    [InlineData("kgateway", true)]
    [InlineData("istio", true)]
    public void A_one_batch_engine_gives_the_state_an_incremental_engine_gives_for_the_same_synthetic_mesh(string profile, bool proxyless)
    {
        var objects = SyntheticMesh.Build(new SyntheticMeshOptions { Services = 40, ServiceEntries = 30, Workloads = 300, Waypoints = 4, HttpRouteEvery = 2, AuthorizationPolicyEvery = 3 });
        var settings = new EngineSettings { ClientLocality = "region-0/zone-0/subzone-0", ServeProxylessClients = proxyless };
        var changes = objects.Select(static o => new ResourceChange.Upsert(o)).ToList();

        var incremental = new TranslationEngine(WaypointPipelines.Create(profile), settings).Apply(changes).State;
        var oneBatch = TranslationEngine.ForOneBatch(WaypointPipelines.Create(profile), settings, gateway: null).Apply(changes).State;

        Assert.True(incremental.Shared.Count + incremental.Proxies.Values.Sum(static p => p.Own.Count) > 100, "the mesh gives resources");
        Assert.Null(StateComparison.Difference(incremental, oneBatch));
        Assert.Null(StateComparison.Resources("proxyless resources", StateComparison.ByType(incremental.Proxyless.Resources), StateComparison.ByType(oneBatch.Proxyless.Resources)));
        Assert.Equal(incremental.Proxyless.Visibility, oneBatch.Proxyless.Visibility);
        Assert.Equal(incremental.Proxyless.Warnings.Select(static w => w.ToString()), oneBatch.Proxyless.Warnings.Select(static w => w.ToString()));
        Assert.Equal(proxyless, !incremental.Proxyless.Resources[XdsResourceType.Cluster].IsEmpty);
    }

    [Fact]
    public void A_one_batch_engine_refuses_a_second_batch()
    {
        var objects = SyntheticMesh.Build(new SyntheticMeshOptions { Services = 2, ServiceEntries = 1, Workloads = 4, Waypoints = 1 });
        var engine = TranslationEngine.ForOneBatch(WaypointPipelines.Create(), settings: null, gateway: null);
        engine.Apply(objects.Select(static o => new ResourceChange.Upsert(o)));

        var refused = Assert.Throws<InvalidOperationException>(() => engine.Apply([new ResourceChange.Upsert(objects[0])]));
        Assert.Contains("one batch", refused.Message, StringComparison.Ordinal);
    }
}
