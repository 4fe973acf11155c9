using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RulesMesh.Loading;
using RulesMesh.Modeling;
using RulesMesh.Synthetic;

namespace RulesMesh.Benchmarks;

/// <summary>
/// The structural half of schema validation at load, on the synthetic mesh's documents that have a CRD schema (its
/// custom resources: ServiceEntries, waypoint Gateways and the like; core kinds have none), each already parsed to a <see cref="JsonElement"/> as the loader holds it:
/// NJsonSchema on a Newtonsoft token tree converted from each document (the path every document took before), against
/// the structural check compiled once per kind that runs on the parsed document itself (the path a valid document
/// takes now). Schemas are compiled in setup; CEL rules are not part of either.
/// </summary>
[MemoryDiagnoser]
public class LoadSchemaValidationBenchmarks
{
    private readonly SchemaValidator validator = new();
    private List<(ModelDescriptor Model, JsonElement Manifest)> documents = null!;

    /// <summary>Services (and as many ServiceEntries), with 10·N workloads, as <c>rulesmesh generate-mesh</c> makes them.</summary>
    [Params(1_000, 10_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new SyntheticMeshOptions { Services = Services, ServiceEntries = Services, Workloads = Services * 10, Waypoints = 100 };
        documents = [];
        foreach (var resource in SyntheticMesh.Build(options))
        {
            if (ModelRegistry.Default.TryGet(resource.ApiVersion, resource.Kind, out var model) && model.SchemaJson is not null)
            {
                documents.Add((model, JsonSerializer.SerializeToElement(resource, resource.GetType(), ManifestJsonOptions.Default)));
            }
        }

        if (documents.Any(document => !validator.NJsonSchemaAccepts(document.Model, document.Manifest) || !validator.StructureAccepts(document.Model, document.Manifest)))
        {
            throw new InvalidOperationException("Every synthetic document must pass its schema on both paths.");
        }
    }

    [Benchmark(Baseline = true)]
    public int NJsonSchemaOnConvertedTree() => documents.Count(document => validator.NJsonSchemaAccepts(document.Model, document.Manifest));

    [Benchmark]
    public int CompiledCheckOnParsedDocument() => documents.Count(document => validator.StructureAccepts(document.Model, document.Manifest));
}
