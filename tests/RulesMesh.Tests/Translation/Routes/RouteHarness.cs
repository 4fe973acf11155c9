using System.Text.Json;
using System.Text.Json.Nodes;
using Envoy.Config.Route.V3;
using k8s.Models;
using RulesMesh.Loading;
using RulesMesh.Mesh;
using RulesMesh.Models.GatewayNetworkingK8sIo.V1;
using RulesMesh.Tests.Support;
using RulesMesh.Translation.Output;
using RulesMesh.Xds;

namespace RulesMesh.Tests.Translation.Routes;

/// <summary>
/// End-to-end route tests: a namespace <c>infra</c> captured by the waypoint <c>infra/example-waypoint</c> (kgateway's
/// golden setup), services added per test, then the whole translation, inspected through its route configurations and
/// route statuses.
/// </summary>
internal static class RouteHarness
{
    public static readonly NamespacedName Waypoint = new("infra", "example-waypoint");

    /// <summary>The namespace <c>infra</c>, captured by the waypoint, and the waypoint itself.</summary>
    public const string WaypointMesh = ExampleWaypointMesh.Yaml + "---\n";

    /// <summary>A Service in <c>infra</c> with one HTTP port per entry of <paramref name="ports"/>.</summary>
    public static string Service(string name, string ip, params int[] ports) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: infra
        spec:
          clusterIP: {ip}
          ports:
        {string.Join("\n", ports.Select(p => $"  - port: {p}\n    name: http-{p}"))}
        ---

        """;

    /// <summary>A STATIC ServiceEntry in <c>infra</c> with one HTTP port.</summary>
    public static string ServiceEntry(string name, string ip, int port, params string[] hosts) => $"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata:
          name: {name}
          namespace: infra
        spec:
          hosts:
        {string.Join("\n", hosts.Select(h => $"  - {h}"))}
          addresses:
          - {ip}
          ports:
          - number: {port}
            name: http
            protocol: HTTP
          location: MESH_INTERNAL
          resolution: STATIC
          endpoints:
          - address: {ip}
        ---

        """;

    /// <summary>svc-a (1.1.1.1:5000) and svc-b (2.2.2.2:9000), as in kgateway's route goldens.</summary>
    public static string TwoServices => Service("svc-a", "1.1.1.1", 5000) + Service("svc-b", "2.2.2.2", 9000);

    // validateSchemas: false for inputs the API server would refuse, to prove the translator's own defence.
    public static XdsSnapshot Translate(string yaml, bool validateSchemas = true)
    {
        var load = new ManifestLoader(validateSchemas: validateSchemas).LoadText(yaml, "routes.yaml");
        Assert.False(load.HasErrors, string.Join("\n", load.Diagnostics));
        return new WaypointTranslator().Translate(load);
    }

    /// <summary>The virtual host of the route configuration <paramref name="routeConfiguration"/> (a chain name).</summary>
    public static VirtualHost VirtualHost(XdsSnapshot snapshot, string routeConfiguration)
    {
        var configuration = snapshot.Routes.SingleOrDefault(r => r.Name == routeConfiguration)
            ?? throw new Xunit.Sdk.XunitException($"No route configuration {routeConfiguration}; there are: {string.Join(", ", snapshot.Routes.Select(r => r.Name))}");
        return Assert.Single(configuration.VirtualHosts);
    }

    /// <summary>The Envoy routes of svc-a's port 5000 chain.</summary>
    public static IReadOnlyList<Route> RoutesOfSvcA(XdsSnapshot snapshot) => VirtualHost(snapshot, "fc_http_5000_svc-a_infra").Routes;

    /// <summary>Asserts that <paramref name="message"/>, as proto3 JSON, means the same as <paramref name="expectedJson"/>.</summary>
    public static void AssertJson(string expectedJson, Google.Protobuf.IMessage message)
    {
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(EnvoyJson.Format(message));
        var difference = JsonTreeComparer.FirstDifference(expected, actual);
        Assert.True(difference is null, $"{difference}\nactual: {EnvoyJson.FormatIndented(message)}");
    }

    /// <summary>Asserts that <paramref name="messages"/>, as a JSON array of proto3 JSON, means the same as <paramref name="expectedJson"/>.</summary>
    public static void AssertJson<T>(string expectedJson, IEnumerable<T> messages)
        where T : Google.Protobuf.IMessage
    {
        var expected = JsonNode.Parse(expectedJson);
        var actual = new JsonArray(messages.Select(m => JsonNode.Parse(EnvoyJson.Format(m))).ToArray());
        var difference = JsonTreeComparer.FirstDifference(expected, actual);
        Assert.True(difference is null, $"{difference}\nactual: {actual.ToJsonString()}");
    }

    /// <summary>The parents of the status of HTTPRoute <c>infra/<paramref name="name"/></c>.</summary>
    public static List<HTTPRouteStatusParent> Parents(XdsSnapshot snapshot, string name, string ns = "infra")
        => snapshot.HttpRouteStatuses.TryGetValue($"{ns}/{name}", out var status)
            ? status.Parents
            : throw new Xunit.Sdk.XunitException($"No status for {ns}/{name}; there are: {string.Join(", ", snapshot.HttpRouteStatuses.Keys)}");

    public static V1Condition Condition(HTTPRouteStatusParent parent, string type)
        => parent.Conditions.Single(c => c.Type == type);

    /// <summary>The parents of the status of GRPCRoute <c>infra/<paramref name="name"/></c>.</summary>
    public static List<GRPCRouteStatusParent> GrpcParents(XdsSnapshot snapshot, string name, string ns = "infra")
        => snapshot.GrpcRouteStatuses.TryGetValue($"{ns}/{name}", out var status)
            ? status.Parents
            : throw new Xunit.Sdk.XunitException($"No GRPCRoute status for {ns}/{name}; there are: {string.Join(", ", snapshot.GrpcRouteStatuses.Keys)}");

    public static V1Condition Condition(GRPCRouteStatusParent parent, string type)
        => parent.Conditions.Single(c => c.Type == type);

    public static JsonNode? ParentRefJson(HTTPRouteStatusParent parent) => JsonSerializer.SerializeToNode(parent.ParentRef, ManifestJsonOptions.Default);
}
