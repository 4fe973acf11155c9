using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Loading;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>
/// kgateway's 16 waypoint goldens: the route configurations (matched by name, compared field by field) and the HTTPRoute
/// statuses (transition times left out) must be the golden ones.
/// </summary>
public sealed class RoutesGoldenTests
{
    private static string Suite => Path.Combine(RepositoryPaths.KgatewayConformance, "waypoint");

    public static TheoryData<string> Cases()
        => Directory.Exists(Suite)
            ? new(Directory.EnumerateFiles(Path.Combine(Suite, "input"), "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal))
            : [];

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void The_route_configurations_are_the_goldens(string name)
    {
        var snapshot = Translate(name);
        var expected = (Golden(name)["Routes"]?.AsArray() ?? []).ToDictionary(static r => (string)r!["name"]!, static r => r);
        var actual = snapshot.Routes.ToDictionary(static r => r.Name, static r => JsonNode.Parse(EnvoyJson.Format(r)));

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (routeName, route) in expected)
        {
            var difference = JsonTreeComparer.FirstDifference(route, actual[routeName]);
            Assert.True(difference is null, $"{name}: route configuration {routeName}: {difference}");
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void The_route_statuses_are_the_goldens(string name)
    {
        var snapshot = Translate(name);
        var expected = WithoutTransitionTimes(Golden(name)["Statuses"]?["httpRoutes"]?.DeepClone() ?? new JsonObject());
        var actual = WithoutTransitionTimes(JsonSerializer.SerializeToNode(snapshot.HttpRouteStatuses, ManifestJsonOptions.Default) ?? new JsonObject());

        var difference = JsonTreeComparer.FirstDifference(expected, actual);
        Assert.True(difference is null, $"{name}: {difference}\nactual: {actual.ToJsonString()}");
    }

    private static XdsSnapshot Translate(string name)
    {
        var load = new ManifestLoader().LoadPaths(Path.Combine(Suite, "input", name + ".yaml"));
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        return new WaypointTranslator().Translate(load, RouteHarness.Waypoint);
    }

    private static JsonNode Golden(string name)
    {
        var path = Path.Combine(Suite, "output", name + ".yaml");
        return Assert.Single(ManifestReader.Read(File.ReadAllText(path), path).Documents).Json;
    }

    private static JsonNode WithoutTransitionTimes(JsonNode node)
    {
        foreach (var child in node switch { JsonObject o => o.Select(static p => p.Value), JsonArray a => a.AsEnumerable(), _ => [] })
        {
            if (child is not null)
            {
                WithoutTransitionTimes(child);
            }
        }

        (node as JsonObject)?.Remove("lastTransitionTime");
        return node;
    }
}
