using BenchmarkDotNet.Attributes;
using RulesMesh.Store;
using RulesMesh.Synthetic;
using RulesMesh.Translation.Output;

namespace RulesMesh.Benchmarks;

/// <summary>
/// The ServiceEntry-heavy mesh: N ServiceEntries (half STATIC with a selector, half DNS), 10·N Pods and WorkloadEntries
/// selected by them, 100 waypoints; endpoint computation should grow linearly from 1k to 10k.
/// </summary>
[MemoryDiagnoser]
public class ServiceEntryEndpointBenchmarks
{
    private ResourceStore _store = null!;

    /// <summary>ServiceEntries.</summary>
    [Params(1_000, 10_000)]
    public int ServiceEntries { get; set; }

    [GlobalSetup]
    public void Setup()
        => _store = new ResourceStore(SyntheticMesh.Build(new SyntheticMeshOptions { Services = 0, ServiceEntries = ServiceEntries, Workloads = ServiceEntries * 10, Waypoints = 100 }));

    [Benchmark]
    public XdsSnapshot TranslateServiceEntryMesh() => new WaypointTranslator().Translate(_store);
}
