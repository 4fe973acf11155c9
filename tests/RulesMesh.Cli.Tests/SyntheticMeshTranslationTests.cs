using System.Globalization;
using System.Text.Json;
using RulesMesh.Cli.Tests.Support;
using RulesMesh.Synthetic;

namespace RulesMesh.Cli.Tests;

/// <summary>
/// <c>generate-mesh</c> then <c>translate</c>, as a user runs the scale check: the output carries what the mesh's
/// HTTPRoutes, AuthorizationPolicies, DestinationRules and Nodes imply. Every expected figure is worked out here from
/// the generator's documented options, not taken from a run.
/// </summary>
public sealed class SyntheticMeshTranslationTests
{
    private const int Services = 200;
    private const int ServiceEntries = 200;
    private const int Workloads = 2_000;
    private const int Waypoints = 10;

    // The rest are the generator's defaults; the figures below follow them.
    private static readonly SyntheticMeshOptions Options = new() { Services = Services, ServiceEntries = ServiceEntries, Workloads = Workloads, Waypoints = Waypoints };

    private static readonly Lazy<JsonDocument> Output = new(Translate);

    private static IEnumerable<int> ServiceIndexes => Enumerable.Range(0, Services);

    private static int RoutedServices => ServiceIndexes.Count(i => i % Options.HttpRouteEvery == 0);

    [Fact]
    public void Each_http_port_has_a_route_configuration_and_routed_services_have_one_route_per_rule()
    {
        var routes = Output.Value.RootElement.GetProperty("routes");

        // One HTTP port (the first) per Service and per ServiceEntry; the others are TCP.
        Assert.Equal(Services + ServiceEntries, routes.GetArrayLength());
        var perConfiguration = routes.EnumerateArray().ToDictionary(
            static r => r.GetProperty("name").GetString()!,
            static r => r.GetProperty("virtualHosts").EnumerateArray().Sum(static v => v.GetProperty("routes").GetArrayLength()));
        foreach (var i in ServiceIndexes)
        {
            var expected = i % Options.HttpRouteEvery == 0 ? Options.RulesPerHttpRoute : 1;
            Assert.Equal(expected, perConfiguration[$"fc_http_8080_svc-{I(i)}_ns-{I(i % Waypoints)}"]);
        }

        Assert.Equal((RoutedServices * Options.RulesPerHttpRoute) + (Services - RoutedServices) + ServiceEntries, perConfiguration.Values.Sum());
    }

    [Fact]
    public void Every_route_of_an_HTTPRoute_splits_ninety_ten_between_two_clusters()
    {
        var weighted = Output.Value.RootElement.GetProperty("routes").EnumerateArray()
            .SelectMany(static r => r.GetProperty("virtualHosts").EnumerateArray())
            .SelectMany(static v => v.GetProperty("routes").EnumerateArray())
            .Where(static r => r.GetProperty("route").TryGetProperty("weightedClusters", out _))
            .Select(static r => r.GetProperty("route").GetProperty("weightedClusters").GetProperty("clusters").EnumerateArray().Select(static c => c.GetProperty("weight").GetInt32()).ToArray())
            .ToList();

        // With 20 Services per namespace every routed Service has a partner in its namespace.
        Assert.Equal(RoutedServices * Options.RulesPerHttpRoute, weighted.Count);
        Assert.All(weighted, weights => Assert.Equal([90, 10], weights));
        Assert.Equal(RoutedServices, Output.Value.RootElement.GetProperty("statuses").GetProperty("httpRoutes").EnumerateObject().Count());
    }

    [Fact]
    public void Each_route_configuration_has_one_virtual_host_and_an_HTTPRoutes_rules_send_ninety_to_its_service_and_ten_to_its_partner()
    {
        var configurations = Output.Value.RootElement.GetProperty("routes").EnumerateArray()
            .ToDictionary(static r => r.GetProperty("name").GetString()!, static r => r.GetProperty("virtualHosts"));

        // A waypoint's filter chain serves one service port, so its route configuration holds one virtual host.
        Assert.All(configurations.Values, static hosts => Assert.Equal(1, hosts.GetArrayLength()));
        foreach (var i in ServiceIndexes.Where(i => i % Options.HttpRouteEvery == 0))
        {
            var ns = $"ns-{I(i % Waypoints)}";
            var routes = configurations[$"fc_http_8080_svc-{I(i)}_{ns}"][0].GetProperty("routes").EnumerateArray().ToList();

            // The partner is the next Service of the namespace (Waypoints further on), or the previous one at the end.
            var partner = i + Waypoints < Services ? i + Waypoints : i - Waypoints;
            Assert.Equal(Enumerable.Range(0, Options.RulesPerHttpRoute).Select(r => $"/r{I(r)}"), routes.Select(static r => r.GetProperty("match").GetProperty("pathSeparatedPrefix").GetString()));
            Assert.All(routes, route => Assert.Equal(
                [($"kube_{ns}_svc-{I(i)}_8080", 90), ($"kube_{ns}_svc-{I(partner)}_8080", 10)],
                route.GetProperty("route").GetProperty("weightedClusters").GetProperty("clusters").EnumerateArray()
                    .Select(static c => (c.GetProperty("name").GetString()!, c.GetProperty("weight").GetInt32()))));
        }
    }

    [Fact]
    public void Every_chain_has_its_waypoints_deny_filter_and_targeted_services_an_allow_filter_too()
    {
        var chains = Output.Value.RootElement.GetProperty("listeners").EnumerateArray()
            .SelectMany(static l => l.GetProperty("filterChains").EnumerateArray())
            .ToList();
        var httpRbac = chains
            .SelectMany(static c => c.GetProperty("filters").EnumerateArray())
            .Where(static f => f.GetProperty("name").GetString() == "envoy.filters.network.http_connection_manager")
            .SelectMany(static f => f.GetProperty("typedConfig").GetProperty("httpFilters").EnumerateArray())
            .Where(static f => f.GetProperty("name").GetString() == "envoy.filters.http.rbac")
            .Select(Action)
            .ToList();
        var networkRbac = chains
            .SelectMany(static c => c.GetProperty("filters").EnumerateArray())
            .Where(static f => f.GetProperty("name").GetString() == "envoy.filters.network.rbac")
            .Select(Action)
            .ToList();

        var allowTargets = ServiceIndexes.Count(i => i % Options.AuthorizationPolicyEvery == 0);
        var tcpPortsPerService = Options.PortsPerService - 1;
        Assert.Equal((Services + ServiceEntries) * Options.PortsPerService, chains.Count);
        Assert.Equal(Services + ServiceEntries, httpRbac.Count(static a => a == "DENY"));
        Assert.Equal(allowTargets, httpRbac.Count(static a => a == "ALLOW"));
        Assert.Equal((Services + ServiceEntries) * tcpPortsPerService, networkRbac.Count(static a => a == "DENY"));
        Assert.Equal(allowTargets * tcpPortsPerService, networkRbac.Count(static a => a == "ALLOW"));
    }

    [Fact]
    public void Services_with_a_DestinationRule_get_outlier_detection_and_priorities_by_their_pods_nodes()
    {
        var root = Output.Value.RootElement;
        var withRule = ServiceIndexes.Where(i => i % Options.DestinationRuleEvery == 0).ToList();
        var outlierClusters = root.GetProperty("clusters").EnumerateArray().Where(static c => c.TryGetProperty("outlierDetection", out _)).Count();
        Assert.Equal(withRule.Count * Options.PortsPerService, outlierClusters);
        var outlier = root.GetProperty("clusters").EnumerateArray().Single(static c => c.GetProperty("name").GetString() == "kube_ns-0_svc-0_8080").GetProperty("outlierDetection");

        // The generator's DestinationRule: 5 consecutive 5xx errors, every 10 s, ejected for 30 s.
        Assert.Equal((5, "10s", "30s"), (outlier.GetProperty("consecutive5xx").GetInt32(), outlier.GetProperty("interval").GetString(), outlier.GetProperty("baseEjectionTime").GetString()));

        // The client is pod 0 of svc-0, on node-0: region-0, zone-0. Pod p runs on node p mod 10, whose region is
        // region-(k mod 2) and zone zone-(k mod 4): same zone scores 0, same region other zone 2, other region 3
        // (failover from region-0 goes to region-1, the only other region, so never 4); the scores are then compacted
        // to their ranks (docs/spec/kgateway-destinationrule-priorities.md, locality failover step 5): 0, 1, 2.
        var podsPerService = Workloads / 2 / Services;
        var expected = new Dictionary<int, int>();
        for (var p = 0; p < podsPerService; p++)
        {
            var node = p % Options.Nodes;
            var priority = node % 2 != 0 ? 2 : node % 4 != 0 ? 1 : 0;
            expected[priority] = expected.GetValueOrDefault(priority) + 1;
        }

        var assignments = root.GetProperty("endpoints").EnumerateArray().ToDictionary(static a => a.GetProperty("clusterName").GetString()!);
        foreach (var i in ServiceIndexes)
        {
            foreach (var port in Enumerable.Range(8080, Options.PortsPerService))
            {
                var priorities = EndpointsByPriority(assignments[$"kube_ns-{I(i % Waypoints)}_svc-{I(i)}_{I(port)}"]);
                Assert.Equal(i % Options.DestinationRuleEvery == 0 ? expected : new Dictionary<int, int> { [0] = podsPerService }, priorities);
            }
        }
    }

    private static JsonDocument Translate()
    {
        using var folder = new TemporaryDirectory();
        var mesh = CliRun.Of(["generate-mesh", "--services", I(Services), "--service-entries", I(ServiceEntries), "--workloads", I(Workloads), "--waypoints", I(Waypoints)]);
        Assert.True(mesh.ExitCode == 0, mesh.Describe());
        var path = folder.Write("mesh.yaml", mesh.Output);
        var run = CliRun.Of(["translate", "--format", "json", "--client-pod", "ns-0/svc-0-0", path]);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output);
    }

    // RBAC's ALLOW is the enum's zero, which proto3 JSON leaves out.
    private static string Action(JsonElement filter)
        => filter.GetProperty("typedConfig").TryGetProperty("rules", out var rules) && rules.TryGetProperty("action", out var action) ? action.GetString()! : "ALLOW";

    private static Dictionary<int, int> EndpointsByPriority(JsonElement assignment)
    {
        var result = new Dictionary<int, int>();
        foreach (var locality in assignment.GetProperty("endpoints").EnumerateArray())
        {
            var priority = locality.TryGetProperty("priority", out var p) ? p.GetInt32() : 0;
            result[priority] = result.GetValueOrDefault(priority) + locality.GetProperty("lbEndpoints").GetArrayLength();
        }

        return result;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
