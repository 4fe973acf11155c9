using BenchmarkDotNet.Attributes;
using RulesMesh.Store;
using RulesMesh.Synthetic;
using RulesMesh.Translation.Output;

namespace RulesMesh.Benchmarks;

/// <summary>
/// Full translation of every waypoint of a synthetic mesh: N Services and N ServiceEntries with 2 ports each,
/// 10·N workloads, 100 waypoints, with the mesh's HTTPRoutes, AuthorizationPolicies, DestinationRules and Nodes. Building the
/// mesh and its store (objects as the loader would hand them over) is setup, not measured; so is writing the document
/// (<see cref="WriteBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class TranslationBenchmarks
{
    private ResourceStore _store = null!;

    /// <summary>Services (and as many ServiceEntries).</summary>
    [Params(1_000, 10_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
        => _store = new ResourceStore(SyntheticMesh.Build(new SyntheticMeshOptions { Services = Services, ServiceEntries = Services, Workloads = Services * 10, Waypoints = 100 }));

    [Benchmark]
    public XdsSnapshot TranslateAllWaypoints() => new WaypointTranslator().Translate(_store);
}
