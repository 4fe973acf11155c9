using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using RulesMesh.Loading;
using RulesMesh.Models;
using RulesMesh.Synthetic;

namespace RulesMesh.Benchmarks;

/// <summary>
/// The CEL rules (x-kubernetes-validations) of every custom resource of the synthetic mesh (N Services, N
/// ServiceEntries, 10·N workloads, 100 waypoints; N = 1,000), run as loading runs them (<c>CelRuleSet.Validate</c> on
/// each document's JSON), by the rule compiler (<c>Compiled</c>) and by the Cel package's interpreter that ran every rule
/// before it (<c>Interpreted</c>). Building the documents and compiling the rules is setup.
/// </summary>
[MemoryDiagnoser]
public class CelRuleBenchmarks
{
    private readonly List<(CelRuleSet Rules, JsonElement Manifest)> documents = [];

    /// <summary>Which evaluator runs the rules.</summary>
    [Params("Compiled", "Interpreted")]
    public string Evaluator { get; set; } = "Compiled";

    [GlobalSetup]
    public void Setup()
    {
        var environment = new Lazy<Cel.CelEnvironment>(KubernetesCelLibrary.Create);
        var ruleSets = new Dictionary<string, CelRuleSet>(StringComparer.Ordinal);
        var options = new SyntheticMeshOptions { Services = 1_000, ServiceEntries = 1_000, Workloads = 10_000, Waypoints = 100 };
        foreach (var resource in SyntheticMesh.Build(options))
        {
            var manifest = JsonSerializer.SerializeToElement(resource, resource.GetType(), ManifestJsonOptions.Default);
            var (apiVersion, kind) = (manifest.GetProperty("apiVersion").GetString(), manifest.GetProperty("kind").GetString());
            if (GeneratedModels.All.FirstOrDefault(m => m.ApiVersion == apiVersion && m.Kind == kind) is not { SchemaJson: { } schema })
            {
                continue;
            }

            if (!ruleSets.TryGetValue(kind!, out var rules))
            {
                rules = CelRuleSet.Compile(JsonNode.Parse(schema)!.AsObject(), environment, interpretOnly: Evaluator == "Interpreted");
                ruleSets[kind!] = rules;
            }

            documents.Add((rules, manifest));
        }
    }

    /// <summary>Every rule on every document; the violations found (none: the mesh is valid).</summary>
    [Benchmark]
    public int RunRules()
    {
        var violations = new List<SchemaViolation>();
        foreach (var (rules, manifest) in documents)
        {
            rules.Validate(manifest, violations);
        }

        return violations.Count == 0 ? documents.Count : throw new InvalidOperationException($"the synthetic mesh breaks a rule: {violations[0].FieldPath} {violations[0].Message}");
    }
}
