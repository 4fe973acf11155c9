using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Loading;
using RulesMesh.Tests.Support;
using Xunit.Abstractions;

namespace RulesMesh.Tests.RoundTrip;

/// <summary>
/// Every real manifest read into its typed model and written back must give the same JSON, except for the apiVersion
/// of an older served version, which is read as its kind's hub version: a field the model drops or reshapes would
/// silently change what RulesMesh computes.
/// </summary>
public sealed class ManifestRoundTripTests(ITestOutputHelper output)
{
    public static TheoryData<string> ConformanceInputs() => new(RoundTripCorpus.ConformanceInputs());

    public static TheoryData<string> Samples() => new(RoundTripCorpus.Samples());

    [ConformanceTheory]
    [MemberData(nameof(ConformanceInputs))]
    public void ConformanceInputsSurviveATypedRoundTrip(string file)
        => AssertRoundTrip(Path.Combine(RepositoryPaths.KgatewayConformance, file));

    [SamplesTheory]
    [MemberData(nameof(Samples))]
    public void SamplesSurviveATypedRoundTrip(string file)
        => AssertRoundTrip(Path.Combine(RepositoryPaths.Root, file));

    private void AssertRoundTrip(string path)
    {
        var result = new ManifestLoader().LoadPaths(path);

        var errors = result.Diagnostics.Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Loading failed:\n" + string.Join("\n", errors));

        // Kinds without a model (kgateway's own, say) are out of scope for the round trip, not failures.
        foreach (var warning in result.Diagnostics.Where(static diagnostic => diagnostic.Severity == DiagnosticSeverity.Warning))
        {
            output.WriteLine(warning.ToString());
        }

        var differences = new List<string>();
        foreach (var resource in result.Resources)
        {
            var written = JsonNode.Parse(JsonSerializer.Serialize(resource.Object, resource.Model.ClrType, ManifestJsonOptions.Default));
            var expected = resource.Document.Json.DeepClone();
            expected["apiVersion"] = resource.Model.HubApiVersion;
            if (JsonTreeComparer.FirstDifference(expected, written) is { } difference)
            {
                differences.Add($"{resource.Document.SourceName}:{resource.Document.Line}: {resource.Model.Kind} {resource.Object.Metadata?.Name}: {difference}");
            }
        }

        output.WriteLine($"{result.Resources.Count} typed resources compared.");
        Assert.True(differences.Count == 0, "Changed by a typed round trip:\n" + string.Join("\n", differences));
    }
}
