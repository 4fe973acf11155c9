using System.Text.Json;
using System.Text.Json.Nodes;
using RulesMesh.Capture;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Tests.RoundTrip;
using RulesMesh.Tests.Support;

namespace RulesMesh.Tests.Capture;

/// <summary>
/// kgateway's waypoint goldens: what each case captures for <c>infra/example-waypoint</c> must be what its expected
/// output builds filter chains for, and the Gateway status must be the golden one.
/// </summary>
public sealed class KgatewayWaypointConformanceTests
{
    private static readonly NamespacedName ExampleWaypoint = new("infra", "example-waypoint");

    private static string WaypointSuite => Path.Combine(RepositoryPaths.KgatewayConformance, "waypoint");

    public static TheoryData<string> Cases()
        => Directory.Exists(WaypointSuite)
            ? new(Directory.EnumerateFiles(Path.Combine(WaypointSuite, "input"), "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal))
            : [];

    [ConformanceTheory]
    [InlineData(16)]
    public void TheSuiteFindsEveryCase(int expected) => Assert.Equal(expected, Cases().Count);

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void TheCapturedServicesWithVipsAreExactlyThoseTheGoldenBuildsFilterChainsFor(string name)
    {
        var waypoint = Capture(name);

        var expected = ExpectedChains(name).Select(ServiceOfChain).Distinct().Order(StringComparer.Ordinal);
        // Services without VIPs are captured too, but no chain can match their traffic.
        var actual = ProducingServices(waypoint).Where(static s => s.HasAddresses)
            .Select(static s => $"{s.Key.Namespace}/{s.Key.Name}")
            .Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void EachPortOfACapturedServiceGetsTheGoldensChainWithItsProtocolAndPort(string name)
    {
        var waypoint = Capture(name);

        var actual = ProducingServices(waypoint).Where(static s => s.HasAddresses)
            .SelectMany(static s => s.Service.Ports.Select(port => $"fc_{(port.IsHttp ? "http" : "tcp")}_{port.Port}_{s.Key.Name}_{s.Key.Namespace}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(ExpectedChains(name).Order(StringComparer.Ordinal), actual);
    }

    [ConformanceTheory]
    [MemberData(nameof(Cases))]
    public void TheGatewayStatusIsTheGoldens(string name)
    {
        var status = Capture(name).Listener?.Status ?? throw new Xunit.Sdk.XunitException("No listener rule judged the waypoint.");

        var expected = Golden(name)["Statuses"]?["gateways"]?[ExampleWaypoint.ToString()];
        var actual = JsonSerializer.SerializeToNode(status, ManifestJsonOptions.Default);

        // Both sides leave transition times out: the goldens blank them, and a one-shot run cannot know them.
        Assert.Null(JsonTreeComparer.FirstDifference(WithoutTransitionTimes(expected), WithoutTransitionTimes(actual)));
    }

    private static GatewayCapture Capture(string name)
    {
        var loaded = new ManifestLoader().LoadPaths(Path.Combine(WaypointSuite, "input", name + ".yaml"));
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return new WaypointCapture(WaypointPipelines.Create()).Run(loaded).Gateway(ExampleWaypoint) ?? throw new Xunit.Sdk.XunitException($"{name} has no Gateway {ExampleWaypoint}.");
    }

    /// <summary><c>namespace/name</c> from a chain named <c>fc_&lt;http|tcp&gt;_&lt;port&gt;_&lt;name&gt;_&lt;namespace&gt;</c>; Kubernetes names hold no '_'.</summary>
    private static string ServiceOfChain(string chain)
    {
        var parts = chain.Split('_');
        Assert.True(parts.Length == 5 && parts[0] == "fc", $"'{chain}' is not a waypoint service chain name.");
        return $"{parts[4]}/{parts[3]}";
    }

    private static IEnumerable<ServiceCapture> ProducingServices(GatewayCapture waypoint) => waypoint.ProducesOutput ? waypoint.Services : [];

    private static IEnumerable<string> ExpectedChains(string name)
        => (Golden(name)["Listeners"]?.AsArray() ?? [])
            .SelectMany(static listener => listener?["filterChains"]?.AsArray() ?? [])
            .Select(static chain => (string?)chain?["name"] ?? throw new Xunit.Sdk.XunitException("A filter chain has no name."));

    private static JsonNode Golden(string name)
    {
        var path = Path.Combine(WaypointSuite, "output", name + ".yaml");
        return Assert.Single(ManifestReader.Read(File.ReadAllText(path), path).Documents).Json;
    }

    private static JsonNode? WithoutTransitionTimes(JsonNode? node)
    {
        var copy = node?.DeepClone();
        foreach (var condition in Conditions(copy))
        {
            condition.Remove("lastTransitionTime");
        }

        return copy;
    }

    private static IEnumerable<JsonObject> Conditions(JsonNode? status)
        => (status?["conditions"]?.AsArray() ?? []).Concat((status?["listeners"]?.AsArray() ?? []).SelectMany(static l => l?["conditions"]?.AsArray() ?? []))
            .OfType<JsonObject>();
}
