using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Translation.Output;

/// <summary>
/// <c>translate</c> streams its document one resource at a time; what it writes must be exactly the text of the whole
/// document built as one JSON tree (<see cref="RulesMesh.Translation.Output.XdsDocument.ToJson"/>, which the conformance goldens are compared with),
/// indented, and that tree's YAML: users see the same bytes as before the output was streamed.
/// </summary>
public sealed class StreamedOutputTests
{
    private static readonly NamespacedName Waypoint = new("infra", "example-waypoint");

    public static TheoryData<string> ConformanceInputs => YamlOutputFidelityTests.ConformanceInputs;

    [ConformanceTheory]
    [MemberData(nameof(ConformanceInputs))]
    public void Streamed_json_and_yaml_are_the_whole_documents_text(string input)
    {
        var load = new ManifestLoader().LoadPaths(Path.Combine(RepositoryPaths.KgatewayConformance, input));
        var snapshot = new WaypointTranslator().Translate(load, input.StartsWith("waypoint", StringComparison.Ordinal) ? Waypoint : null);
        WrittenDocument.AssertIsTheWholeTreesText(snapshot);
    }
}
