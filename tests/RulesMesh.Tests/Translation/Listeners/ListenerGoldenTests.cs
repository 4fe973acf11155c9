using System.Text.Json.Nodes;
using Envoy.Config.Listener.V3;
using Envoy.Config.Route.V3;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Listeners;

/// <summary>
/// The Listeners section of kgateway's 16 waypoint goldens, and the RouteConfiguration around each virtual host, built
/// by the listener and policy rules: every golden resource is parsed strictly into the Envoy types, formatted back,
/// and compared field by field with ours.
/// </summary>
public sealed class ListenerGoldenTests
{
    private static readonly NamespacedName Waypoint = new("infra", "example-waypoint");

    public static TheoryData<string> Cases => new(
        Directory.Exists(InputFolder)
            ? Directory.EnumerateFiles(InputFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)
            : ["(none)"]);

    private static string InputFolder => Path.Combine(RepositoryPaths.KgatewayConformance, "waypoint", "input");

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void The_listeners_are_the_goldens(string name)
    {
        var (golden, snapshot) = Run(name);
        var want = Resources(golden["Listeners"], Listener.Descriptor);
        var got = snapshot.Listeners.ToDictionary(static l => l.Name, static l => Json(l));

        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        foreach (var (listener, expected) in want)
        {
            var difference = JsonTreeComparer.FirstDifference(expected, got[listener]);
            Assert.True(difference is null, $"{name}: listener {listener} differs: {difference}");
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void The_route_configurations_around_the_virtual_hosts_are_the_goldens(string name)
    {
        var (golden, snapshot) = Run(name);
        var want = Resources(golden["Routes"], RouteConfiguration.Descriptor);
        var got = snapshot.Routes.ToDictionary(static r => r.Name, static r => Json(r));

        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        foreach (var (routes, expected) in want)
        {
            var wrapper = Without(expected, "virtualHosts");
            var difference = JsonTreeComparer.FirstDifference(wrapper, Without(got[routes], "virtualHosts"));
            Assert.True(difference is null, $"{name}: route configuration {routes} differs: {difference}");
            var ours = snapshot.Routes.Single(r => r.Name == routes).VirtualHosts.Count;
            Assert.Equal(expected["virtualHosts"]!.AsArray().Count, ours);
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void The_whole_route_configurations_are_the_goldens(string name)
    {
        var (golden, snapshot) = Run(name);
        var want = Resources(golden["Routes"], RouteConfiguration.Descriptor);
        var got = snapshot.Routes.ToDictionary(static r => r.Name, static r => Json(r));
        Assert.Equal(want.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        foreach (var (routes, expected) in want)
        {
            var difference = JsonTreeComparer.FirstDifference(expected, got[routes]);
            Assert.True(difference is null, $"{name}: route configuration {routes} differs: {difference}");
        }
    }


    private static (JsonObject Golden, XdsSnapshot Snapshot) Run(string name)
    {
        var input = Path.Combine(InputFolder, name + ".yaml");
        var output = Path.Combine(RepositoryPaths.KgatewayConformance, "waypoint", "output", name + ".yaml");
        var golden = ManifestReader.Read(File.ReadAllText(output), output).Documents.Single().Json.AsObject();
        var load = new ManifestLoader().LoadPaths(input);
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        return (golden, new WaypointTranslator().Translate(load, Waypoint));
    }

    /// <summary>Each golden resource by name, parsed strictly into <paramref name="type"/> and formatted back as proto3 JSON.</summary>
    private static Dictionary<string, JsonNode> Resources(JsonNode? section, MessageDescriptor type)
        => (section?.AsArray() ?? [])
            .Select(r => Json(EnvoyJson.Parse(r!.ToJsonString(), type)))
            .ToDictionary(static r => (string)r["name"]!, static r => r);

    private static JsonNode Json(IMessage message) => JsonNode.Parse(EnvoyJson.Format(message))!;

    private static JsonNode Without(JsonNode node, string member)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove(member);
        return copy;
    }
}
