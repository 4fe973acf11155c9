using Envoy.Config.Endpoint.V3;
using RulesMesh.Rules;
using RulesMesh.Tests.Translation.Backends;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Policy.BackendPolicies;

/// <summary>kgateway.policy.destination-rule: outlier detection, panic threshold, locality weighting and failover priorities (docs/spec/kgateway-waypoint.md §3.3, §3.4).</summary>
public sealed class DestinationRulePolicyTests
{
    private const string Cluster = "istio-se_shop_api_api.example.com_80";
    private static readonly EngineSettings Client = new() { ClientLocality = "r1/r1z2/r1z2s3" };

    private const string InlineEntry = """
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: api, namespace: shop }
        spec:
          hosts: [api.example.com]
          ports: [{ number: 80, name: http, protocol: HTTP }, { number: 443, name: https, protocol: HTTPS }]
          resolution: STATIC
          endpoints:
          - { address: 1.1.1.1, locality: r1/r1z2/r1z2s3 }
          - { address: 2.2.2.2, locality: r1/r1z2/r1z2s4 }
          - { address: 3.3.3.3, locality: r1/r1z3/r1z3s1 }
          - { address: 4.4.4.4, locality: r2/r2z1/r2z1s1 }
          - { address: 5.5.5.5 }
        ---

        """;

    private static string Rule(string trafficPolicy, string name = "api", string ns = "shop", string host = "api.example.com", string apiVersion = "networking.istio.io/v1", string extra = "") => $"""
        apiVersion: {apiVersion}
        kind: DestinationRule
        metadata: {'{'} name: {name}, namespace: {ns} {'}'}
        spec:
          host: "{host}"
        {extra}
          trafficPolicy:
        {trafficPolicy}
        ---

        """;

    private const string Failover = """
            outlierDetection: { consecutive5xxErrors: 7, interval: 5m, baseEjectionTime: 15m }
            loadBalancer:
              localityLbSetting:
                failoverPriority: [topology.kubernetes.io/region, topology.kubernetes.io/zone, topology.istio.io/subzone]
        """;

    private static XdsSnapshot Run(string yaml, EngineSettings? settings = null, bool validateSchemas = true) => ServiceEntryEndpointsTests.Run(yaml, settings ?? Client, validateSchemas: validateSchemas);

    private static Dictionary<string, uint> Priorities(ClusterLoadAssignment assignment)
        => assignment.Endpoints.SelectMany(g => g.LbEndpoints.Select(e => (e.Endpoint.Address.SocketAddress.Address, g.Priority))).ToDictionary(static p => p.Address, static p => p.Priority);

    [Fact]
    public void OutlierDetectionMapsFieldByFieldWithThePanicThreshold()
    {
        var snapshot = Run(InlineEntry + Rule("""
                outlierDetection:
                  consecutive5xxErrors: 7
                  consecutiveGatewayErrors: 3
                  interval: 5m
                  baseEjectionTime: 1.5s
                  maxEjectionPercent: 50
                  minHealthPercent: 20
                  splitExternalLocalOriginErrors: true
                  consecutiveLocalOriginFailures: 4
            """));

        var json = Json(Cluster(snapshot, Cluster));
        AssertJson("""
            {
              "baseEjectionTime": "1.500s",
              "consecutive5xx": 7,
              "consecutiveGatewayFailure": 3,
              "consecutiveLocalOriginFailure": 4,
              "interval": "300s",
              "maxEjectionPercent": 50,
              "splitExternalLocalOriginErrors": true
            }
            """, json["outlierDetection"]);
        AssertJson("""{ "healthyPanicThreshold": { "value": 20 } }""", json["commonLbConfig"]);
    }

    [Fact]
    public void AnUnsetMinHealthPercentStillTurnsThePanicThresholdOff()
    {
        var snapshot = Run(InlineEntry + Rule("    outlierDetection: { consecutive5xxErrors: 0 }"));

        var json = Json(Cluster(snapshot, Cluster));
        AssertJson("""{ "consecutive5xx": 0 }""", json["outlierDetection"]);
        AssertJson("""{ "healthyPanicThreshold": {} }""", json["commonLbConfig"]);
    }

    [Fact]
    public void WithoutOutlierDetectionTheRuleChangesNothing()
    {
        var snapshot = Run(InlineEntry + Rule("""
                loadBalancer:
                  localityLbSetting: { failoverPriority: [topology.kubernetes.io/region] }
            """));

        var cluster = Cluster(snapshot, Cluster);
        Assert.Null(cluster.OutlierDetection);
        Assert.Null(cluster.CommonLbConfig);
        Assert.All(cluster.LoadAssignment.Endpoints, static g => Assert.Equal(0u, g.Priority));
    }

    [Fact]
    public void FailoverPriorityGivesNMinusTheFirstMismatchRelativeToTheClient()
    {
        var snapshot = Run(InlineEntry + Rule(Failover));

        var cluster = Cluster(snapshot, Cluster);
        Assert.NotNull(cluster.CommonLbConfig.LocalityWeightedLbConfig);
        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 1, ["3.3.3.3"] = 2, ["4.4.4.4"] = 3, ["5.5.5.5"] = 3 },
            Priorities(cluster.LoadAssignment));
    }

    [Fact]
    public void WithoutAClientLocalityThereAreNoPrioritiesButStillLocalityWeighting()
    {
        var cluster = Cluster(Run(InlineEntry + Rule(Failover), new EngineSettings()), Cluster);

        Assert.NotNull(cluster.CommonLbConfig.LocalityWeightedLbConfig);
        Assert.All(cluster.LoadAssignment.Endpoints, static g => Assert.Equal(0u, g.Priority));
    }

    [Fact]
    public void FailoverPriorityComparesArbitraryLabelsAndSplitsALocalityByPriority()
    {
        var yaml = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: api, namespace: shop }
            spec:
              hosts: [api.example.com]
              ports: [{ number: 80, name: http }]
              resolution: STATIC
              endpoints:
              - { address: 1.1.1.1, locality: r1/z1, labels: { version: v1, tier: gold } }
              - { address: 2.2.2.2, locality: r1/z1, labels: { version: v2, tier: gold } }
              - { address: 3.3.3.3, locality: r1/z1, labels: { version: v1 } }
            ---

            """ + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer:
                  localityLbSetting: { failoverPriority: [version, tier=gold] }
            """);
        var snapshot = Run(yaml, new EngineSettings { ClientLabels = new Dictionary<string, string> { ["version"] = "v1" } });

        var groups = Cluster(snapshot, Cluster).LoadAssignment.Endpoints;
        Assert.Equal([0u, 1u, 2u], groups.Select(static g => g.Priority));
        Assert.Equal(["1.1.1.1", "3.3.3.3", "2.2.2.2"], groups.Select(static g => g.LbEndpoints.Single().Endpoint.Address.SocketAddress.Address));
        Assert.All(groups, static g => Assert.Equal("z1", g.Locality.Zone));
    }

    [Fact]
    public void ALocalitySettingWithoutFailoverPriorityUsesRegionZoneSubzoneAndFailoverPairs()
    {
        var plain = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { enabled: true } }
            """));
        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 1, ["3.3.3.3"] = 2, ["4.4.4.4"] = 3, ["5.5.5.5"] = 3 },
            Priorities(Cluster(plain, Cluster).LoadAssignment));

        var withFailover = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { failover: [{ from: r1, to: r2 }] } }
            """));
        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 1, ["3.3.3.3"] = 2, ["4.4.4.4"] = 3, ["5.5.5.5"] = 4 },
            Priorities(Cluster(withFailover, Cluster).LoadAssignment));
    }

    [Fact]
    public void ADisabledLocalitySettingKeepsOnlyOutlierDetection()
    {
        var cluster = Cluster(Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer:
                  localityLbSetting: { enabled: false, failoverPriority: [topology.kubernetes.io/region] }
            """)), Cluster);

        Assert.NotNull(cluster.OutlierDetection);
        Assert.Null(cluster.CommonLbConfig.LocalityWeightedLbConfig);
        Assert.All(cluster.LoadAssignment.Endpoints, static g => Assert.Equal(0u, g.Priority));
    }

    [Fact]
    public void PortLevelSettingsReplaceTheWholePolicyForTheirPort()
    {
        var snapshot = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 7 }
                portLevelSettings:
                - port: { number: 443 }
                  outlierDetection: { consecutive5xxErrors: 2, interval: 10s }
            """));

        Assert.Equal(7u, Cluster(snapshot, Cluster).OutlierDetection.Consecutive5Xx);
        var https = Cluster(snapshot, "istio-se_shop_api_api.example.com_443").OutlierDetection;
        Assert.Equal(2u, https.Consecutive5Xx);
        Assert.Equal(10, https.Interval.Seconds);
    }

    [Fact]
    public void TheRuleInTheBackendsNamespaceWinsThenTheRootNamespaceThenOthers()
    {
        string Outlier(int errors) => $"    outlierDetection: {{ consecutive5xxErrors: {errors} }}";
        uint? Chosen(string rules) => Cluster(Run(InlineEntry + rules), Cluster).OutlierDetection?.Consecutive5Xx;

        Assert.Equal(1u, Chosen(Rule(Outlier(3), ns: "other") + Rule(Outlier(2), ns: "istio-system") + Rule(Outlier(1))));
        Assert.Equal(2u, Chosen(Rule(Outlier(3), ns: "other") + Rule(Outlier(2), ns: "istio-system")));
        Assert.Equal(3u, Chosen(Rule(Outlier(3), ns: "other")));
        Assert.Null(Chosen(Rule(Outlier(3), ns: "other", extra: "  exportTo: [\".\"]")));
        Assert.Equal(3u, Chosen(Rule(Outlier(3), ns: "other", extra: "  exportTo: [shop]")));
    }

    [Fact]
    public void AnExactHostBeatsAWildcardAndOnlyTheBackendsHostMatches()
    {
        string Outlier(int errors) => $"    outlierDetection: {{ consecutive5xxErrors: {errors} }}";
        uint? Chosen(string rules) => Cluster(Run(InlineEntry + rules), Cluster).OutlierDetection?.Consecutive5Xx;

        Assert.Equal(1u, Chosen(Rule(Outlier(2), name: "wild", host: "*.example.com") + Rule(Outlier(1))));
        Assert.Equal(2u, Chosen(Rule(Outlier(2), name: "wild", host: "*.example.com") + Rule(Outlier(3), name: "wider", host: "*.com")));
        Assert.Null(Chosen(Rule(Outlier(1), host: "other.example.com")));
    }

    [Theory]
    [InlineData("networking.istio.io/v1beta1")]
    [InlineData("networking.istio.io/v1alpha3")]
    public void OlderDestinationRuleVersionsApply(string apiVersion)
        => Assert.Equal(7u, Cluster(Run(InlineEntry + Rule(Failover, apiVersion: apiVersion)), Cluster).OutlierDetection.Consecutive5Xx);

    [Fact]
    public void AServiceClusterTakesTheRuleForItsFqdnOrShortName()
    {
        var service = """
            apiVersion: v1
            kind: Service
            metadata: { name: reviews, namespace: shop }
            spec: { ports: [{ name: http, port: 9080 }] }
            ---

            """;

        Assert.Equal(4u, Cluster(Run(service + Rule("    outlierDetection: { consecutive5xxErrors: 4 }", host: "reviews")), "kube_shop_reviews_9080").OutlierDetection.Consecutive5Xx);
        Assert.Equal(5u, Cluster(Run(service + Rule("    outlierDetection: { consecutive5xxErrors: 5 }", host: "reviews.shop.svc.cluster.local")), "kube_shop_reviews_9080").OutlierDetection.Consecutive5Xx);
        Assert.Null(Cluster(Run(service + Rule("    outlierDetection: { consecutive5xxErrors: 5 }", ns: "other", host: "reviews")), "kube_shop_reviews_9080").OutlierDetection);
    }

    [Fact]
    public void ARuleWithAWorkloadSelectorAppliesOnlyToAMatchingClient()
    {
        var rule = Rule("    outlierDetection: { consecutive5xxErrors: 4 }", extra: "  workloadSelector: { matchLabels: { app: gateway } }");

        Assert.Null(Cluster(Run(InlineEntry + rule), Cluster).OutlierDetection);
        var gateway = Client with { ClientLabels = new Dictionary<string, string> { ["app"] = "gateway" } };
        Assert.Equal(4u, Cluster(Run(InlineEntry + rule, gateway), Cluster).OutlierDetection.Consecutive5Xx);
    }

    [Fact]
    public void EdsEndpointsArePrioritizedLikeInlineOnes()
    {
        var yaml = """
            apiVersion: v1
            kind: Node
            metadata: { name: near, labels: { topology.kubernetes.io/region: r1, topology.kubernetes.io/zone: r1z2, topology.istio.io/subzone: r1z2s3 } }
            ---
            apiVersion: v1
            kind: Node
            metadata: { name: far, labels: { topology.kubernetes.io/region: r2 } }
            ---

            """ + ServiceEntryEndpointsTests.Entry(name: "api", hosts: "[api.example.com]")
            + ServiceEntryEndpointsTests.Pod("near", "10.0.0.1", node: "near")
            + ServiceEntryEndpointsTests.Pod("far", "10.0.0.2", node: "far")
            + ServiceEntryEndpointsTests.WorkloadEntry("vm", "  address: 10.0.0.3")
            + Rule(Failover);

        var snapshot = ServiceEntryEndpointsTests.Run(yaml, Client);

        Assert.Equal(new Dictionary<string, uint> { ["10.0.0.1"] = 0, ["10.0.0.2"] = 3, ["10.0.0.3"] = 3 }, Priorities(Endpoints(snapshot, Cluster)));
        Assert.NotNull(Cluster(snapshot, Cluster).CommonLbConfig.HealthyPanicThreshold);
    }

    [Theory]
    [InlineData("5m", "300s")]
    [InlineData("1h30m", "5400s")]
    [InlineData("300ms", "0.300s")]
    [InlineData("10us", "0.000010s")]
    [InlineData("7ns", "0.000000007s")]
    [InlineData("0", "0s")]
    [InlineData("-5s", null)]
    [InlineData("5", null)]
    [InlineData("5d", null)]
    public void DurationsAreReadAsGoDurations(string text, string? expected)
    {
        // The CRD's CEL rule (a duration of at least 1ms) refuses several of these at load: this proves the translator's own reading.
        var snapshot = Run(InlineEntry + Rule($"    outlierDetection: {{ baseEjectionTime: \"{text}\" }}"), validateSchemas: false);

        Assert.Equal(expected, Json(Cluster(snapshot, Cluster))["outlierDetection"]?["baseEjectionTime"]?.GetValue<string>());
        Assert.Equal(expected is null, snapshot.Warnings.Any(static w => w.Message.StartsWith("outlierDetection.baseEjectionTime", StringComparison.Ordinal)));
    }

    [Fact]
    public void UnparsableDurationsAndDistributeAreReported()
    {
        var snapshot = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5, interval: soon }
                loadBalancer:
                  localityLbSetting:
                    distribute: [{ from: r1/*, to: { "r1/*": 80, "r2/*": 20 } }]
            """),
            validateSchemas: false); // The CRD's CEL rule refuses "soon" at load: this proves the translator's own reading.

        Assert.Null(Cluster(snapshot, Cluster).OutlierDetection.Interval);
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "DestinationRule shop/api" && w.Message == "outlierDetection.interval 'soon' is not a duration; it is ignored");
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "DestinationRule shop/api" && w.Message == "localityLbSetting.distribute is not supported; it is ignored");
        Assert.All(Cluster(snapshot, Cluster).LoadAssignment.Endpoints, static g => Assert.Equal(0u, g.Priority));
    }
}
