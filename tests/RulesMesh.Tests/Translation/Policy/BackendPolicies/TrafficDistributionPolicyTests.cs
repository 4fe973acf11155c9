using Envoy.Config.Endpoint.V3;
using RulesMesh.Rules;
using RulesMesh.Tests.Translation.Backends;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Policy.BackendPolicies;

/// <summary>
/// kgateway.policy.traffic-distribution and istio.policy.traffic-distribution on ServiceEntry endpoints: the label list
/// of each mode and its arithmetic (docs/spec/kgateway-destinationrule-priorities.md §B4, §B5). Services: ServiceBackendPriorityTests.
/// </summary>
public sealed class TrafficDistributionPolicyTests
{
    private const string Cluster = "istio-se_shop_api_api.example.com_80";

    // The client: network n1, node worker, locality r1/r1z2/r1z2s3.
    private static readonly EngineSettings Client = new()
    {
        ClientLocality = "r1/r1z2/r1z2s3",
        ClientLabels = new Dictionary<string, string> { ["topology.istio.io/network"] = "n1", ["kubernetes.io/hostname"] = "worker" },
    };

    private const string Nodes = """
        apiVersion: v1
        kind: Node
        metadata: { name: worker, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z2, topology.istio.io/subzone: r1z2s3 } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: worker2, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z2, topology.istio.io/subzone: r1z2s3 } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: worker3, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z3 } }
        ---

        """;

    private static string Workloads(string distribution) => Nodes
        + ServiceEntryEndpointsTests.Entry(name: "api", hosts: "[api.example.com]", annotations: $"{{ networking.istio.io/traffic-distribution: {distribution} }}")
        + ServiceEntryEndpointsTests.Pod("same-node", "10.0.0.1", node: "worker", labels: "app: reviews, topology.istio.io/network: n1")
        + ServiceEntryEndpointsTests.Pod("same-subzone", "10.0.0.2", node: "worker2", labels: "app: reviews, topology.istio.io/network: n1")
        + ServiceEntryEndpointsTests.Pod("other-zone", "10.0.0.3", node: "worker3", labels: "app: reviews, topology.istio.io/network: n1")
        + ServiceEntryEndpointsTests.Pod("other-network", "10.0.0.4", node: "worker", labels: "app: reviews, topology.istio.io/network: n2")
        + ServiceEntryEndpointsTests.WorkloadEntry("vm", "  address: 10.0.0.5\n  network: n1\n  locality: r1/r1z2/r1z2s3");

    private static Dictionary<string, uint> Priorities(ClusterLoadAssignment assignment)
        => assignment.Endpoints.SelectMany(g => g.LbEndpoints.Select(e => (e.Endpoint.Address.SocketAddress.Address, g.Priority))).ToDictionary(static p => p.Address, static p => p.Priority);

    [Theory]
    [InlineData("PreferClose")]
    [InlineData("PreferSameZone")]
    [InlineData("preferclose")]
    [InlineData("PREFERSAMEZONE")]
    public void PreferSameZoneRanksNetworkRegionZone(string distribution)
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Workloads(distribution), Client);

        // N = 3 (network, region, zone): other zone differs at j = 2 → 1; other network at j = 0 → 3; the subzone is not compared.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.0.0.1"] = 0, ["10.0.0.2"] = 0, ["10.0.0.3"] = 1, ["10.0.0.4"] = 3, ["10.0.0.5"] = 0 },
            Priorities(Endpoints(snapshot, Cluster)));
        Assert.NotNull(Cluster(snapshot, Cluster).CommonLbConfig.LocalityWeightedLbConfig);
    }

    [Fact]
    public void IstioPreferCloseAlsoComparesTheSubzoneAndCompactsThePriorities()
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Workloads("PreferClose"), Client, "istio");

        // N = 4: other zone 4 − 2 = 2, other network 4 − 0 = 4; the values 0, 2, 4 rank 0, 1, 2.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.0.0.1"] = 0, ["10.0.0.2"] = 0, ["10.0.0.3"] = 1, ["10.0.0.4"] = 2, ["10.0.0.5"] = 0 },
            Priorities(Endpoints(snapshot, "outbound|80||api.example.com")));
    }

    [Fact]
    public void PreferSameNodeAddsTheNode()
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Workloads("PreferSameNode"), Client);

        Assert.Equal(
            new Dictionary<string, uint> { ["10.0.0.1"] = 0, ["10.0.0.2"] = 1, ["10.0.0.3"] = 3, ["10.0.0.4"] = 5, ["10.0.0.5"] = 1 },
            Priorities(Endpoints(snapshot, Cluster)));
    }

    [Fact]
    public void PreferNetworkOnlyLooksAtTheNetwork()
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Workloads("PreferNetwork"), Client);

        Assert.Equal(
            new Dictionary<string, uint> { ["10.0.0.1"] = 0, ["10.0.0.2"] = 0, ["10.0.0.3"] = 0, ["10.0.0.4"] = 1, ["10.0.0.5"] = 0 },
            Priorities(Endpoints(snapshot, Cluster)));
    }

    [Theory]
    [InlineData("Any")]
    [InlineData("Nearby")]
    [InlineData("PreferSameNetwork")]
    public void OtherValuesChangeNothing(string distribution)
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Workloads(distribution), Client);

        Assert.All(Endpoints(snapshot, Cluster).Endpoints, static g => Assert.Equal(0u, g.Priority));
    }

    [Fact]
    public void WithoutAClientThereAreNoPriorities()
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Workloads("PreferClose"), new EngineSettings());

        Assert.All(Endpoints(snapshot, Cluster).Endpoints, static g => Assert.Equal(0u, g.Priority));
    }

    [Fact]
    public void ADestinationRuleLocalitySettingOverridesTrafficDistributionWithOrWithoutOutlierDetection()
    {
        static string Rule(string policy) => $$"""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: api, namespace: shop }
            spec:
              host: api.example.com
              trafficPolicy:
            {{policy}}
            ---

            """;
        var zoneOnly = new Dictionary<string, uint> { ["10.0.0.1"] = 0, ["10.0.0.2"] = 0, ["10.0.0.3"] = 1, ["10.0.0.4"] = 0, ["10.0.0.5"] = 0 };

        Assert.Equal(zoneOnly, Priorities(Endpoints(ServiceEntryEndpointsTests.Run(Workloads("PreferSameNode") + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { failoverPriority: [topology.kubernetes.io/zone] } }
            """), Client), Cluster)));
        Assert.Equal(zoneOnly, Priorities(Endpoints(ServiceEntryEndpointsTests.Run(Workloads("PreferSameNode") + Rule("""
                loadBalancer: { localityLbSetting: { failoverPriority: [topology.kubernetes.io/zone] } }
            """), Client), Cluster)));
    }

    [Fact]
    public void ADestinationRuleWithoutALocalitySettingInEffectLeavesTrafficDistribution()
    {
        static string Rule(string policy) => $$"""
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: api, namespace: shop }
            spec:
              host: api.example.com
              trafficPolicy:
            {{policy}}
            ---

            """;
        var preferNetwork = new Dictionary<string, uint> { ["10.0.0.1"] = 0, ["10.0.0.2"] = 0, ["10.0.0.3"] = 0, ["10.0.0.4"] = 1, ["10.0.0.5"] = 0 };

        Assert.Equal(preferNetwork, Priorities(Endpoints(ServiceEntryEndpointsTests.Run(Workloads("PreferNetwork") + Rule("    outlierDetection: { consecutive5xxErrors: 5 }"), Client), Cluster)));
        Assert.Equal(preferNetwork, Priorities(Endpoints(ServiceEntryEndpointsTests.Run(Workloads("PreferNetwork") + Rule("""
                loadBalancer: { localityLbSetting: { enabled: false, failoverPriority: [topology.kubernetes.io/zone] } }
            """), Client), Cluster)));
    }

    [Fact]
    public void InlineEndpointsAreRankedToo()
    {
        var snapshot = ServiceEntryEndpointsTests.Run("""
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: api, namespace: shop, annotations: { networking.istio.io/traffic-distribution: PreferClose } }
            spec:
              hosts: [api.example.com]
              ports: [{ number: 80, name: http }]
              resolution: DNS
              endpoints:
              - { address: near.example.com, locality: r1/r1z2/r1z2s3, network: n1 }
              - { address: far.example.com, locality: r2/r2z1, labels: { topology.istio.io/network: n1 } }
            """, Client);

        // far differs in region (j = 1 of 3): 3 − 1 = 2.
        var groups = Cluster(snapshot, Cluster).LoadAssignment.Endpoints;
        Assert.Equal([0u, 2u], groups.Select(static g => g.Priority));
    }
}
