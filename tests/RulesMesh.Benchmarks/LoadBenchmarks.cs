using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using RulesMesh.Loading;
using RulesMesh.Synthetic;
using RulesMesh.Translation.Output;

namespace RulesMesh.Benchmarks;

/// <summary>
/// Loading the synthetic mesh from YAML text, as <c>rulesmesh generate-mesh</c> writes it: N Services and N
/// ServiceEntries, 10·N workloads, 100 waypoints (N = 10,000 is the 40 MB, 130,200-document default). Measured: reading
/// the text into typed objects with schema validation (and CEL rules) on, as every command does. Writing the YAML is
/// setup; reading the file from disk is not included (the text is in memory).
/// </summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private string _yaml = null!;

    /// <summary>Services (and as many ServiceEntries).</summary>
    [Params(1_000, 10_000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var yaml = new StringBuilder();
        var options = new SyntheticMeshOptions { Services = Services, ServiceEntries = Services, Workloads = Services * 10, Waypoints = 100 };
        foreach (var resource in SyntheticMesh.Build(options))
        {
            yaml.Append("---\n").Append(JsonYamlWriter.Write(JsonSerializer.SerializeToNode(resource, resource.GetType(), ManifestJsonOptions.Default)));
        }

        _yaml = yaml.ToString();
    }

    /// <summary>A fresh loader each time, so the per-kind schemas and CEL rules are compiled inside the measurement, as in a CLI run.</summary>
    [Benchmark]
    public LoadResult LoadMesh()
    {
        var result = new ManifestLoader().LoadText(_yaml, "mesh.yaml");
        return result.HasErrors ? throw new InvalidOperationException("The synthetic mesh must load without errors.") : result;
    }
}
