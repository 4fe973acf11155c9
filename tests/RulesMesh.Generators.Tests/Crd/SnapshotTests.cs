using RulesMesh.Generators.Tests.Infrastructure;

namespace RulesMesh.Generators.Tests.Crd;

/// <summary>
/// Compares the generated source for representative schemas with approved files under Snapshots/.
/// To accept a change, run the tests with RULESMESH_UPDATE_SNAPSHOTS=1 and review the diff of the approved files.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("RULESMESH_UPDATE_SNAPSHOTS") == "1";

    public static TheoryData<string> Schemas => new()
    {
        // Every mapped OpenAPI feature, in one synthetic CRD.
        "tests/RulesMesh.Generators.Tests/Snapshots/features.example.com_gadgets.yaml",

        // Our own schemas: an Istio kind and a Gateway API kind.
        "schemas/networking.istio.io_serviceentries.yaml",
        "schemas/gateway.networking.k8s.io_referencegrants.yaml",
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public void Generated_source_matches_the_approved_snapshot(string schema)
    {
        var path = Path.Combine(RepositoryPaths.Root, schema);
        var result = ModelGeneratorHarness.Run(
            [new InMemoryAdditionalText(path, File.ReadAllText(path))],
            BuildProperties.With(("RulesMeshModelsNamespace", "Snapshots.Models"), ("RulesMeshRegenerateProvidedModels", "true")));
        Assert.Empty(result.CompileErrors.Select(e => e.ToString()));

        var folder = RepositoryPaths.TestData("Snapshots", Path.GetFileNameWithoutExtension(path));
        var mismatches = new List<string>();
        var generated = result.Run.Results.Single().GeneratedSources;
        var stale = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.approved.cs").Select(Path.GetFileName).Where(f => !generated.Any(s => s.HintName.Replace(".g.cs", ".approved.cs") == f)).ToList()
            : [];
        Assert.True(stale.Count == 0, $"Approved snapshots no longer generated (delete them): {string.Join(", ", stale)}");
        foreach (var source in generated)
        {
            var approvedPath = Path.Combine(folder, source.HintName.Replace(".g.cs", ".approved.cs"));
            var actual = source.SourceText.ToString();
            if (Update)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(approvedPath, actual);
            }
            else if (!File.Exists(approvedPath) || File.ReadAllText(approvedPath) != actual)
            {
                File.WriteAllText(Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received") + ".cs", actual);
                mismatches.Add(source.HintName);
            }
        }

        Assert.True(mismatches.Count == 0, $"Generated source differs from the approved snapshot for {string.Join(", ", mismatches)}. See the .received.cs files in {folder}; rerun with RULESMESH_UPDATE_SNAPSHOTS=1 to approve.");
    }
}
