using Envoy.Config.Endpoint.V3;
using RulesMesh.Rules;
using RulesMesh.Tests.Translation.Backends;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Policy.BackendPolicies;

/// <summary>
/// DestinationRules and traffic distribution on Kubernetes Service backends, exactly as on ServiceEntries
/// (docs/spec/kgateway-destinationrule-priorities.md §A4, §B2, §B3, §B5, §D): endpoint labels and locality come from the
/// EndpointSlice's target Pod and its Node; the kube_ cluster gets the DestinationRule's cluster fields.
/// </summary>
public sealed class ServiceBackendPriorityTests
{
    private const string Cluster = "kube_shop_reviews_9080";

    // The client: network n1, Node worker, locality r1/r1z2/r1z2s3.
    private static readonly EngineSettings Client = new()
    {
        ClientLocality = "r1/r1z2/r1z2s3",
        ClientLabels = new Dictionary<string, string> { ["topology.istio.io/network"] = "n1", ["kubernetes.io/hostname"] = "worker" },
    };

    // p1 on worker (r1/r1z2/r1z2s3, n1), p2 on worker3 (r1/r1z3, n1), p3 on far (r2/r2z1, n1), p4 on worker (n2);
    // 10.2.0.5 has no target Pod (its slice nodeName is not read).
    private static string Mesh(string serviceSpec = "", string annotations = "{}", string labels = "{}") => $$"""
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop, annotations: {{annotations}}, labels: {{labels}} }
        spec:
          clusterIP: 10.0.0.7
          ports: [{ name: http, port: 9080, targetPort: 8080 }]
        {{serviceSpec}}
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: { name: reviews-a, namespace: shop, labels: { kubernetes.io/service-name: reviews } }
        addressType: IPv4
        ports: [{ name: http, port: 8080 }]
        endpoints:
        - { addresses: [10.2.0.1], targetRef: { kind: Pod, name: p1, namespace: shop } }
        - { addresses: [10.2.0.2], targetRef: { kind: Pod, name: p2, namespace: shop } }
        - { addresses: [10.2.0.3], targetRef: { kind: Pod, name: p3, namespace: shop } }
        - { addresses: [10.2.0.4], targetRef: { kind: Pod, name: p4, namespace: shop } }
        - { addresses: [10.2.0.5], nodeName: worker, zone: r1z2 }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: worker, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z2, topology.istio.io/subzone: r1z2s3 } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: worker3, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z3 } }
        ---
        apiVersion: v1
        kind: Node
        metadata: { name: far, labels: { topology.kubernetes.io/region: r2, topology.kubernetes.io/zone: r2z1 } }
        ---
        {{Pod("p1", "worker", "n1")}}
        {{Pod("p2", "worker3", "n1")}}
        {{Pod("p3", "far", "n1")}}
        {{Pod("p4", "worker", "n2")}}

        """;

    private static string Pod(string name, string node, string network) => $$"""
        apiVersion: v1
        kind: Pod
        metadata: { name: {{name}}, namespace: shop, labels: { app: reviews, topology.istio.io/network: {{network}} } }
        spec: { nodeName: {{node}}, containers: [{ name: app, image: app }] }
        ---
        """;

    private static string Rule(string policy) => $$"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: reviews, namespace: shop }
        spec:
          host: reviews.shop.svc.cluster.local
          trafficPolicy:
        {{policy}}
        ---

        """;

    private static Dictionary<string, uint> Priorities(ClusterLoadAssignment assignment)
        => assignment.Endpoints.SelectMany(g => g.LbEndpoints.Select(e => (e.Endpoint.Address.SocketAddress.Address, g.Priority))).ToDictionary(static p => p.Address, static p => p.Priority);

    private static Dictionary<string, uint> Run(string yaml, string profile = "kgateway")
        => Priorities(Endpoints(ServiceEntryEndpointsTests.Run(yaml, Client, profile), profile == "istio" ? "outbound|9080||reviews.shop.svc.cluster.local" : Cluster));

    [Fact]
    public void ServiceEndpointsTakeTheirPodsLabelsAndTheirNodesLocality()
    {
        var endpoints = Endpoints(ServiceEntryEndpointsTests.Run(Mesh("  trafficDistribution: PreferClose"), Client), Cluster);

        var localities = endpoints.Endpoints.ToDictionary(
            static g => string.Join(",", g.LbEndpoints.Select(static e => e.Endpoint.Address.SocketAddress.Address)),
            static g => g.Locality is null ? "none" : $"{g.Locality.Region}/{g.Locality.Zone}/{g.Locality.SubZone}");
        Assert.Equal("none", localities["10.2.0.5"]);
        Assert.Equal("r1/r1z3/", localities["10.2.0.2"]);
        Assert.Equal("r2/r2z1/", localities["10.2.0.3"]);
    }

    [Fact]
    public void SpecTrafficDistributionPreferCloseRanksNetworkRegionZone()
    {
        // N = 3: p2 zone (j = 2) → 1; p3 region (j = 1) → 2; p4 network (j = 0) → 3; no Pod: network "" ≠ n1 → 3.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 1, ["10.2.0.3"] = 2, ["10.2.0.4"] = 3, ["10.2.0.5"] = 3 },
            Run(Mesh("  trafficDistribution: PreferClose")));
    }

    [Fact]
    public void PreferSameNodeRanksFiveLabels()
    {
        // N = 5: p2 zone (j = 2) → 3; p3 region (j = 1) → 4; p4 and no Pod network (j = 0) → 5.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 3, ["10.2.0.3"] = 4, ["10.2.0.4"] = 5, ["10.2.0.5"] = 5 },
            Run(Mesh("  trafficDistribution: PreferSameNode")));
    }

    [Fact]
    public void WithoutSpecTrafficDistributionTheAnnotationCounts()
    {
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 0, ["10.2.0.3"] = 0, ["10.2.0.4"] = 1, ["10.2.0.5"] = 1 },
            Run(Mesh(annotations: "{ networking.istio.io/traffic-distribution: PreferNetwork }")));
    }

    [Fact]
    public void ASetSpecTrafficDistributionWinsOverTheAnnotationEvenWhenItMeansNothing()
    {
        var priorities = Run(Mesh("  trafficDistribution: SomethingNew", "{ networking.istio.io/traffic-distribution: PreferNetwork }"));

        Assert.All(priorities.Values, static p => Assert.Equal(0u, p));
    }

    [Fact]
    public void TheIstioProfileComparesTheSubzoneAndCompacts()
    {
        // N = 4: p2 zone → 2, p3 region → 3, p4 and no Pod network → 4; ranks of 0, 2, 3, 4.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 1, ["10.2.0.3"] = 2, ["10.2.0.4"] = 3, ["10.2.0.5"] = 3 },
            Run(Mesh("  trafficDistribution: PreferClose"), "istio"));
    }

    [Fact]
    public void AnIstioWaypointsInboundClusterOfTheServiceHasTheSamePriorities()
    {
        const string waypoint = """
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: { name: waypoint, namespace: shop }
            spec:
              gatewayClassName: istio-waypoint
              listeners: [{ name: mesh, port: 15008, protocol: HBONE }]
            status: { addresses: [{ type: IPAddress, value: 10.0.0.9 }] }
            ---

            """;
        var snapshot = ServiceEntryEndpointsTests.Run(Mesh("  trafficDistribution: PreferClose", labels: "{ istio.io/use-waypoint: waypoint }") + waypoint, Client, "istio");

        // As TheIstioProfileComparesTheSubzoneAndCompacts: the waypoint's EDS keeps the endpoints' labels for the policies.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 1, ["10.2.0.3"] = 2, ["10.2.0.4"] = 3, ["10.2.0.5"] = 3 },
            Priorities(Endpoints(snapshot, "inbound-vip|9080|http|reviews.shop.svc.cluster.local")));
    }

    [Fact]
    public void ADestinationRuleGivesTheKubeClusterEveryFieldItGivesAServiceEntryCluster()
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Mesh() + Rule("""
                outlierDetection: { consecutive5xxErrors: 7, interval: 5m, baseEjectionTime: 15m, minHealthPercent: 30 }
                connectionPool: { tcp: { tcpKeepalive: { time: 20s, interval: 4s, probes: 2 } } }
                loadBalancer: { localityLbSetting: { failoverPriority: [topology.kubernetes.io/region, topology.kubernetes.io/zone] } }
            """), Client);

        var cluster = Json(Cluster(snapshot, Cluster));
        AssertJson("""{ "consecutive5xx": 7, "interval": "300s", "baseEjectionTime": "900s" }""", cluster["outlierDetection"]);
        AssertJson("""{ "healthyPanicThreshold": { "value": 30 }, "localityWeightedLbConfig": {} }""", cluster["commonLbConfig"]);
        AssertJson("""{ "tcpKeepalive": { "keepaliveProbes": 2, "keepaliveTime": 20, "keepaliveInterval": 4 } }""", cluster["upstreamConnectionOptions"]);

        // N = 2: p2 zone (j = 1) → 1; p3 and no Pod region (j = 0) → 2; p4 (network not listed) → 0.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 1, ["10.2.0.3"] = 2, ["10.2.0.4"] = 0, ["10.2.0.5"] = 2 },
            Priorities(Endpoints(snapshot, Cluster)));
    }

    [Fact]
    public void LocalityFailoverOnAServiceIsCompacted()
    {
        // Raw: p1, p4 0; p2 same region 2; p3 r2 = failover target 3; no Pod (no locality) 4 → ranks 0, 1, 2, 3.
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 1, ["10.2.0.3"] = 2, ["10.2.0.4"] = 0, ["10.2.0.5"] = 3 },
            Run(Mesh() + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { failover: [{ from: r1, to: r2 }] } }
            """)));
    }

    [Fact]
    public void ADestinationRuleLocalitySettingOverridesTheServicesTrafficDistribution()
    {
        Assert.Equal(
            new Dictionary<string, uint> { ["10.2.0.1"] = 0, ["10.2.0.2"] = 0, ["10.2.0.3"] = 0, ["10.2.0.4"] = 1, ["10.2.0.5"] = 1 },
            Run(Mesh("  trafficDistribution: PreferSameNode") + Rule("""
                loadBalancer: { localityLbSetting: { failoverPriority: [topology.istio.io/network] } }
            """)));
    }
}
