using System.Text.Json.Nodes;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using RulesMesh.Loading;
using RulesMesh.Rules;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Backends;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>
/// kgateway's ServiceEntry backend goldens (docs/spec/kgateway-waypoint.md §6.2): our clusters and EDS endpoints against the expected
/// <c>clusters</c> and <c>endpoints</c>, both sides through the Envoy types, matched by name. The input is the case plus
/// the Pods and Nodes of <c>fixtures/pods.yaml</c> (namespace gwtest), translated for the client Pod gwtest/gateway
/// (locality r1/r1z2/r1z2s3). Listeners and routes come from an ordinary Gateway and are not compared here. Every case
/// is compared whole, <c>backendconfigpolicy-alias</c>'s BackendConfigPolicy settings included.
/// </summary>
public sealed class ServiceEntryBackendGoldenTests
{
    /// <summary>The proxy asking for config in the upstream harness: Pod gwtest/gateway on Node worker.</summary>
    public const string ClientLocality = "r1/r1z2/r1z2s3";

    private const string ApiServerCluster = "kube_default_kubernetes_443";

    public static TheoryData<string> Cases => new(
        Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.yaml").Select(static f => Path.GetFileNameWithoutExtension(f)).Where(static f => !f.EndsWith("-out", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : ["(none)"]);

    private static string Folder => Path.Combine(RepositoryPaths.KgatewayConformance, "serviceentry");

    [ConformanceTheory]
    [InlineData(7)]
    public void TheSuiteFindsEveryCase(int expected) => Assert.Equal(expected, Cases.Count);

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void ClustersMatchTheGolden(string name)
    {
        var snapshot = Translate(name);
        var expected = Golden<Cluster>(name, "clusters", Cluster.Descriptor);

        AssertSame(name, "cluster", expected, snapshot.Clusters.ToDictionary(static c => c.Name, static c => Json(c), StringComparer.Ordinal));
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void EndpointsMatchTheGolden(string name)
    {
        var snapshot = Translate(name);
        var expected = Golden<ClusterLoadAssignment>(name, "endpoints", ClusterLoadAssignment.Descriptor);

        AssertSame(name, "endpoints of", expected, snapshot.Endpoints.ToDictionary(static e => e.ClusterName, static e => Json(e), StringComparer.Ordinal));
    }

    [ConformanceTheory]
    [InlineData("se-backendref")]
    public void TheClientPodGivesTheGoldenClientLocality(string name)
    {
        var load = Load(name);
        var settings = new EngineSettings().ForPod(RulesMesh.Store.ResourceStore.From(load), "gwtest", "gateway");

        Assert.Equal(ClientLocality, settings.ClientLocality);
        Assert.Equal("n1", settings.ClientLabels!["topology.istio.io/network"]);
        Assert.Equal("worker", settings.ClientLabels["kubernetes.io/hostname"]);
    }

    /// <summary>The case and the fixture Pods and Nodes, namespaced objects without a namespace put in gwtest.</summary>
    internal static LoadResult Load(string name)
    {
        var load = new ManifestLoader().LoadPaths(Path.Combine(Folder, name + ".yaml"), Path.Combine(RepositoryPaths.KgatewayConformance, "fixtures", "pods.yaml"));
        foreach (var resource in load.Resources.Where(static r => r.Model.Namespaced && string.IsNullOrEmpty(r.Object.Metadata.NamespaceProperty)))
        {
            resource.Object.Metadata.NamespaceProperty = "gwtest";
        }

        return load;
    }

    private static XdsSnapshot Translate(string name)
        => new WaypointTranslator(WaypointPipelines.Create("kgateway"), new EngineSettings { ClientLocality = ClientLocality }).Translate(Load(name));

    private static JsonNode Json(IMessage message) => JsonNode.Parse(EnvoyJson.Format(message))!;

    private static Dictionary<string, JsonNode> Golden<T>(string name, string section, MessageDescriptor descriptor)
        where T : IMessage, new()
    {
        var path = Path.Combine(Folder, name + "-out.yaml");
        var document = ManifestReader.Read(File.ReadAllText(path), path).Documents.Single().Json.AsObject();
        var key = descriptor == Cluster.Descriptor ? "name" : "clusterName";
        var result = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var node in document[section]?.AsArray() ?? [])
        {
            var resourceName = (string)node![key]!;
            if (resourceName != ApiServerCluster)
            {
                // Through the Envoy type and back: proves the golden is valid and normalises its spelling.
                result[resourceName] = Json(EnvoyJson.Parse<T>(node.ToJsonString()));
            }
        }

        return result;
    }

    private static void AssertSame(string name, string what, Dictionary<string, JsonNode> expected, Dictionary<string, JsonNode> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (resource, tree) in expected)
        {
            var difference = JsonTreeComparer.FirstDifference(tree, actual[resource]);
            Assert.True(difference is null, $"{name}: {what} '{resource}' differs: {difference}\nours: {actual[resource].ToJsonString()}");
        }
    }
}
