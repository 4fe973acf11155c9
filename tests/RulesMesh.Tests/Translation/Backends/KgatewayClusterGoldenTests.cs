using System.Text.Json.Nodes;
using Envoy.Config.Cluster.V3;
using RulesMesh.Loading;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>
/// Our clusters against the Clusters of kgateway's waypoint goldens (the ServiceEntry goldens are
/// <see cref="ServiceEntryBackendGoldenTests"/>), compared as proto3-JSON trees after both sides went through
/// the Envoy types (so the golden's YAML spelling of defaults cannot matter). Resources are matched by name.
/// </summary>
public sealed class KgatewayClusterGoldenTests
{
    // The upstream harnesses add these by themselves (conformance README).
    private const string WaypointHarnessCluster = "test-backend-plugin_default_example-svc_80";
    public static TheoryData<string> WaypointCases => Cases(Path.Combine(Conformance, "waypoint", "input"), static f => true);

    private static string Conformance => RepositoryPaths.KgatewayConformance;

    [ConformanceTheory]
    [InlineData(16)]
    public void TheWaypointSuiteFindsEveryCase(int expected) => Assert.Equal(expected, WaypointCases.Count);

    [ConformanceTheory]
    [MemberData(nameof(WaypointCases))]
    public void WaypointGoldenClustersMatch(string name)
    {
        var output = Path.Combine(Conformance, "waypoint", "output", name + ".yaml");
        var expected = Golden(output, "Clusters", WaypointHarnessCluster, static _ => { });
        var actual = Ours(Path.Combine(Conformance, "waypoint", "input", name + ".yaml"));

        AssertSame(name, expected, actual);
    }

    private static TheoryData<string> Cases(string folder, Func<string, bool> include)
        => new(Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.yaml").Select(static f => Path.GetFileNameWithoutExtension(f)).Where(include).Order(StringComparer.Ordinal)
            : ["(none)"]);

    private static Dictionary<string, JsonNode> Golden(string path, string section, string skip, Action<JsonObject> strip)
    {
        var document = ManifestReader.Read(File.ReadAllText(path), path).Documents.Single().Json.AsObject();
        var clusters = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var node in document[section]?.AsArray() ?? [])
        {
            var name = (string)node!["name"]!;
            if (name == skip)
            {
                continue;
            }

            // Through the Envoy type and back: proves the golden is a valid Cluster and normalises its spelling.
            var normalised = JsonNode.Parse(EnvoyJson.Format(EnvoyJson.Parse<Cluster>(node.ToJsonString())))!.AsObject();
            strip(normalised);
            clusters[name] = normalised;
        }

        return clusters;
    }

    private static Dictionary<string, JsonNode> Ours(params string[] inputs)
    {
        var load = new ManifestLoader().LoadPaths(inputs);
        var snapshot = new WaypointTranslator().Translate(load);
        return snapshot.Clusters.ToDictionary(static c => c.Name, static c => JsonNode.Parse(EnvoyJson.Format(c))!, StringComparer.Ordinal);
    }

    private static void AssertSame(string name, Dictionary<string, JsonNode> expected, Dictionary<string, JsonNode> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (cluster, tree) in expected)
        {
            var difference = JsonTreeComparer.FirstDifference(tree, actual[cluster]);
            Assert.True(difference is null, $"{name}: cluster '{cluster}' differs: {difference}\nours: {actual[cluster].ToJsonString()}");
        }
    }
}
