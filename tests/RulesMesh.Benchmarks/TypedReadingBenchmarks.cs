using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RulesMesh.Loading;
using RulesMesh.Models;
using RulesMesh.Modeling;
using RulesMesh.Synthetic;

namespace RulesMesh.Benchmarks;

/// <summary>
/// Reading the documents of the synthetic mesh (N = 1,000) from parsed JSON into their models, the loader's last step
/// for each document: the core kinds (10·N Pods, N Services, N EndpointSlices, Namespaces, Nodes) into KubernetesClient's
/// models, or the CRD kinds (N ServiceEntries, 2.5·N WorkloadEntries, DestinationRules, HTTPRoutes, AuthorizationPolicies,
/// Gateways) into the generated models: with System.Text.Json's reflection deserializer (before) and with the generated
/// readers the descriptors use now (after). Writing the documents and parsing them is setup.
/// </summary>
[MemoryDiagnoser]
public class TypedReadingBenchmarks
{
    private readonly JsonSerializerOptions _options = ManifestJsonOptions.Default;
    private List<(ModelDescriptor Model, JsonElement Json)> _documents = null!;

    /// <summary>Which kinds are read: <c>core</c> or <c>crd</c>.</summary>
    [Params("core", "crd")]
    public string Kinds { get; set; } = "core";

    [GlobalSetup]
    public void Setup()
    {
        // Each kind's hub version, the type its objects are built as.
        var models = (Kinds == "core" ? CoreKubernetesModels.All : GeneratedModels.All.Where(model => model.Version == model.HubVersion))
            .ToDictionary(model => model.ClrType);
        _documents = SyntheticMesh.Build(new SyntheticMeshOptions { Services = 1_000, ServiceEntries = 1_000, Workloads = 10_000, Waypoints = 100 })
            .Where(resource => models.ContainsKey(resource.GetType()))
            .Select(resource => (models[resource.GetType()], JsonSerializer.SerializeToElement(resource, resource.GetType(), _options)))
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
        var strings = new StringPool();
        foreach (var (model, json) in _documents)
        {
            read += model.Deserialize(json, _options, strings) is null ? 0 : 1;
        }

        return read;
    }
}
