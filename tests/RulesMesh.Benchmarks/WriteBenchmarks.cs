using BenchmarkDotNet.Attributes;
using RulesMesh.Store;
using RulesMesh.Synthetic;
using RulesMesh.Translation.Output;

namespace RulesMesh.Benchmarks;

/// <summary>
/// Writing the translated document of the synthetic mesh (N Services and N ServiceEntries, 10·N workloads, 100
/// waypoints), as <c>rulesmesh translate</c> does, to a stream that discards it: the Envoy resources formatted as
/// proto3 JSON, then indented JSON or YAML. Building the mesh, its store and the translation is setup.
/// </summary>
[MemoryDiagnoser]
public class WriteBenchmarks
{
    private XdsSnapshot _snapshot = null!;

    /// <summary>Services (and as many ServiceEntries).</summary>
    [Params(1_000, 10_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
        => _snapshot = new WaypointTranslator().Translate(new ResourceStore(SyntheticMesh.Build(new SyntheticMeshOptions { Services = Services, ServiceEntries = Services, Workloads = Services * 10, Waypoints = 100 })));

    [Benchmark]
    public void WriteJson() => XdsDocument.WriteJson(_snapshot, Stream.Null);

    [Benchmark]
    public void WriteYaml() => XdsDocument.WriteYaml(_snapshot, Stream.Null);
}
