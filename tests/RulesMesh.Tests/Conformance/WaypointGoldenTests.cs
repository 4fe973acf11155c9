using System.Text.Json.Nodes;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Google.Protobuf.Reflection;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Conformance;

/// <summary>
/// kgateway's 16 waypoint goldens, run through the same path as <c>rulesmesh translate</c> (load, translate, write the
/// document) and compared section by section with the expected output, matching resources by name.
/// </summary>
public sealed class WaypointGoldenTests
{
    // The upstream harness adds this cluster by itself (conformance README).
    private const string HarnessCluster = "test-backend-plugin_default_example-svc_80";
    private static readonly NamespacedName Waypoint = new("infra", "example-waypoint");

    public static TheoryData<string> Cases => new(
        Directory.Exists(InputFolder) ? Directory.EnumerateFiles(InputFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).Select(n => n!) : ["(none)"]);

    private static string InputFolder => Path.Combine(RepositoryPaths.KgatewayConformance, "waypoint", "input");

    [ConformanceTheory]
    [InlineData(16)]
    public void The_suite_finds_every_case(int expected) => Assert.Equal(expected, Cases.Count);

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Clusters_match_the_golden(string name)
        => AssertSection(name, "Clusters", "clusters", Cluster.Descriptor, skip: HarnessCluster);

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Listeners_match_the_golden(string name)
        => AssertSection(name, "Listeners", "listeners", Listener.Descriptor);

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Routes_match_the_golden(string name)
        => AssertSection(name, "Routes", "routes", RouteConfiguration.Descriptor);

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void Statuses_match_the_golden(string name)
    {
        var (expected, actual) = Sections(name);
        foreach (var kind in new[] { "gateways", "httpRoutes" })
        {
            var want = WithoutTransitionTimes(expected["Statuses"]?[kind]?.DeepClone() ?? new JsonObject());
            var got = WithoutTransitionTimes(actual["statuses"]?[kind]?.DeepClone() ?? new JsonObject());
            Assert.True(JsonTreeComparer.FirstDifference(want, got) is null, $"{name}: statuses.{kind} differ: {JsonTreeComparer.FirstDifference(want, got)}");
        }
    }

    private static void AssertSection(string name, string goldenKey, string ourKey, MessageDescriptor type, string? skip = null)
    {
        var (expected, actual) = Sections(name);
        var want = ByName(expected[goldenKey], skip);
        var got = ByName(actual[ourKey], skip: null);

        // Every expected resource must be a valid Envoy message: parsed with unknown fields rejected.
        foreach (var resource in want.Values)
        {
            EnvoyJson.Parse(resource!.ToJsonString(), type);
        }

        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        foreach (var (resourceName, resource) in want)
        {
            var difference = JsonTreeComparer.FirstDifference(resource, got[resourceName]);
            Assert.True(difference is null, $"{name}: {ourKey} '{resourceName}' differs: {difference}");
        }
    }

    private static (JsonObject Expected, JsonObject Actual) Sections(string name)
    {
        var input = Path.Combine(InputFolder, name + ".yaml");
        var outputPath = Path.Combine(RepositoryPaths.KgatewayConformance, "waypoint", "output", name + ".yaml");
        var expected = ManifestReader.Read(File.ReadAllText(outputPath), outputPath).Documents.Single().Json.AsObject();
        var load = new ManifestLoader().LoadPaths(input);
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        var snapshot = new WaypointTranslator().Translate(load, Waypoint);
        return (expected, XdsDocument.ToJson(snapshot));
    }

    private static Dictionary<string, JsonNode?> ByName(JsonNode? list, string? skip)
        => (list?.AsArray() ?? [])
            .Where(r => (string?)r!["name"] != skip)
            .ToDictionary(r => (string)r!["name"]!, r => r);

    private static JsonNode WithoutTransitionTimes(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                obj.Remove("lastTransitionTime");
                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        WithoutTransitionTimes(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        WithoutTransitionTimes(child);
                    }
                }

                break;
        }

        return node;
    }
}
