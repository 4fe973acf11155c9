using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RulesMesh.Loading;
using RulesMesh.Modeling;
using RulesMesh.Synthetic;

namespace RulesMesh.Benchmarks;

/// <summary>
/// Reading the core-kind documents of the synthetic mesh (10·N Pods, N Services, N EndpointSlices, Namespaces, Nodes
/// for N = 1,000) from parsed JSON into KubernetesClient's models, the loader's last step for each document: with
/// System.Text.Json's reflection deserializer (before) and with the generated readers the core kinds' descriptors use
/// now (after). Writing the documents and parsing them is setup.
/// </summary>
[MemoryDiagnoser]
public class TypedReadingBenchmarks
{
    private readonly JsonSerializerOptions _options = ManifestJsonOptions.Default;
    private List<(ModelDescriptor Model, JsonElement Json)> _documents = null!;

    [GlobalSetup]
    public void Setup()
    {
        var core = CoreKubernetesModels.All.ToDictionary(model => model.ClrType);
        _documents = SyntheticMesh.Build(new SyntheticMeshOptions { Services = 1_000, ServiceEntries = 1_000, Workloads = 10_000, Waypoints = 100 })
            .Where(resource => core.ContainsKey(resource.GetType()))
            .Select(resource => (core[resource.GetType()], JsonSerializer.SerializeToElement(resource, resource.GetType(), _options)))
            .ToList();
    }

    [Benchmark(Baseline = true)]
    public int Reflection()
    {
        var read = 0;
        foreach (var (model, json) in _documents)
        {
            read += json.Deserialize(model.ClrType, _options) is null ? 0 : 1;
        }

        return read;
    }

    [Benchmark]
    public int Generated()
    {
        var read = 0;
        foreach (var (model, json) in _documents)
        {
            read += model.Deserialize(json, _options) is null ? 0 : 1;
        }

        return read;
    }
}
