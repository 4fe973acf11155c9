using System.Text.Json.Nodes;
using Envoy.Config.Cluster.V3;
using Envoy.Config.Endpoint.V3;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Google.Protobuf.Reflection;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Rules;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Conformance;

/// <summary>
/// kgateway's ServiceEntry backend goldens (an ordinary Gateway <c>gwtest/http-gw-for-test</c> with an HTTPRoute to a
/// ServiceEntry), run through the same path as <c>rulesmesh translate --gateway gwtest/http-gw-for-test</c> with the
/// client Pod's locality, and compared section by section with the expected output, matching resources by name
/// (<c>clusterName</c> for endpoints). One test per case and section, so progress shows section by section.
/// </summary>
/// <remarks>
/// Every case is loaded with the fixture <c>fixtures/pods.yaml</c>, whose namespaced objects carry no namespace and belong
/// to <c>gwtest</c> (conformance README); the client is the Pod <c>gwtest/gateway</c> on Node <c>worker</c>.
/// <c>kube_default_kubernetes_443</c> comes from the upstream API server, not the input, and is ignored.
/// </remarks>
public sealed class ServiceEntryGoldenTests
{
    private const string ApiServerCluster = "kube_default_kubernetes_443";
    private const string FixtureNamespace = "gwtest";
    private const string ClientLocality = "r1/r1z2/r1z2s3";
    private static readonly NamespacedName Gateway = new("gwtest", "http-gw-for-test");

    public static TheoryData<string> ClusterCases => Cases();

    public static TheoryData<string> EndpointCases => Cases();

    public static TheoryData<string> ListenerCases => Cases();

    public static TheoryData<string> RouteCases => Cases();

    private static string Folder => Path.Combine(RepositoryPaths.KgatewayConformance, "serviceentry");

    private static string Fixture => Path.Combine(RepositoryPaths.KgatewayConformance, "fixtures", "pods.yaml");

    [ConformanceTheory]
    [InlineData(7)]
    public void Every_section_finds_every_case(int expected)
    {
        Assert.Equal(expected, ClusterCases.Count);
        Assert.Equal(expected, EndpointCases.Count);
        Assert.Equal(expected, ListenerCases.Count);
        Assert.Equal(expected, RouteCases.Count);
    }

    [ConformanceTheory]
    [MemberData(nameof(ClusterCases))]
    public void Clusters_match_the_golden(string name) => AssertSection(name, "clusters", "name", Cluster.Descriptor);

    [ConformanceTheory]
    [MemberData(nameof(EndpointCases))]
    public void Endpoints_match_the_golden(string name) => AssertSection(name, "endpoints", "clusterName", ClusterLoadAssignment.Descriptor);

    [ConformanceTheory]
    [MemberData(nameof(ListenerCases))]
    public void Listeners_match_the_golden(string name) => AssertSection(name, "listeners", "name", Listener.Descriptor);

    [ConformanceTheory]
    [MemberData(nameof(RouteCases))]
    public void Routes_match_the_golden(string name) => AssertSection(name, "routes", "name", RouteConfiguration.Descriptor);

    [ConformanceTheory]
    [InlineData("se-backendref")]
    public void Fixture_objects_without_a_namespace_land_in_gwtest_and_Nodes_stay_cluster_scoped(string name)
    {
        var load = Load(Path.Combine(Folder, name + ".yaml"));

        Assert.All(load.Objects<k8s.Models.V1Pod>(), pod => Assert.Equal(FixtureNamespace, pod.Metadata.NamespaceProperty));
        Assert.All(load.Objects<k8s.Models.V1Node>(), node => Assert.Null(node.Metadata.NamespaceProperty));
    }

    private static TheoryData<string> Cases()
        => new(Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.yaml")
                .Select(static f => Path.GetFileNameWithoutExtension(f))
                .Where(static n => !n.EndsWith("-out", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : ["(none)"]);

    private static void AssertSection(string name, string section, string key, MessageDescriptor type)
    {
        var expectedPath = Path.Combine(Folder, name + "-out.yaml");
        var expected = ManifestReader.Read(File.ReadAllText(expectedPath), expectedPath).Documents.Single().Json.AsObject();
        var load = Load(Path.Combine(Folder, name + ".yaml"));
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        var settings = new EngineSettings { ClientLocality = ClientLocality };
        var actual = XdsDocument.ToJson(new WaypointTranslator(settings: settings).Translate(load, Gateway));

        // Through the Envoy type and back: proves the golden resource valid (unknown fields rejected) and spells it canonically.
        var want = ByKey(expected[section], key, resource => JsonNode.Parse(EnvoyJson.Format(EnvoyJson.Parse(resource.ToJsonString(), type)))!);
        var got = ByKey(actual[section], key, static resource => resource);

        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        foreach (var (resourceName, resource) in want)
        {
            var difference = JsonTreeComparer.FirstDifference(resource, got[resourceName]);
            Assert.True(difference is null, $"{name}: {section} '{resourceName}' differs: {difference}\nours: {got[resourceName].ToJsonString()}");
        }
    }

    /// <summary>
    /// Loads a case with the pods fixture, as <c>rulesmesh translate case.yaml pods.yaml</c> would, then puts every
    /// namespaced object that names no namespace in <c>gwtest</c>, where the upstream harness applies the fixture.
    /// </summary>
    private static LoadResult Load(string input)
    {
        var load = new ManifestLoader().LoadPaths(input, Fixture);
        foreach (var resource in load.Resources.Where(static r => r.Model.Namespaced && string.IsNullOrEmpty(r.Object.Metadata?.NamespaceProperty)))
        {
            resource.Object.Metadata ??= new k8s.Models.V1ObjectMeta();
            resource.Object.Metadata.NamespaceProperty = FixtureNamespace;
        }

        return load;
    }

    private static Dictionary<string, JsonNode> ByKey(JsonNode? list, string key, Func<JsonNode, JsonNode> normalise)
        => (list?.AsArray() ?? [])
            .Select(static r => r!)
            .Where(r => (string?)r[key] != ApiServerCluster)
            .ToDictionary(r => (string)r[key]!, normalise, StringComparer.Ordinal);
}
