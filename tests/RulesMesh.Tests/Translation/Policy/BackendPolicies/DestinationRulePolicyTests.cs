using Envoy.Config.Endpoint.V3;
using RulesMesh.Rules;
using RulesMesh.Tests.Translation.Backends;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Policy.BackendPolicies;

/// <summary>
/// kgateway.policy.destination-rule and istio.policy.destination-rule: lookup and precedence, the cluster fields and their
/// outlier-detection gate, port-level settings, failover priorities (docs/spec/kgateway-destinationrule-priorities.md §A, §B4, §B6).
/// </summary>
public sealed class DestinationRulePolicyTests
{
    private const string Cluster = "istio-se_shop_api_api.example.com_80";
    private const string IstioCluster = "outbound|80||api.example.com";
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

    private static string Rule(string trafficPolicy, string name = "api", string ns = "shop", string host = "api.example.com", string apiVersion = "networking.istio.io/v1", string extra = "", string created = "2024-01-01T00:00:00Z") => $"""
        apiVersion: {apiVersion}
        kind: DestinationRule
        metadata: {'{'} name: {name}, namespace: {ns}, creationTimestamp: "{created}" {'}'}
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

    private static XdsSnapshot Run(string yaml, EngineSettings? settings = null, bool validateSchemas = true, string profile = "kgateway")
        => ServiceEntryEndpointsTests.Run(yaml, settings ?? Client, profile, validateSchemas);

    private static string Outlier(int errors) => $"    outlierDetection: {{ consecutive5xxErrors: {errors} }}";

    private static uint? Chosen(string rules, EngineSettings? settings = null, string profile = "kgateway")
        => Cluster(Run(InlineEntry + rules, settings, profile: profile), profile == "istio" ? IstioCluster : Cluster).OutlierDetection?.Consecutive5Xx;

    // failoverPriority on a label the client may carry, then a fixed value (§B4).
    private static readonly string VersionThenGold = Rule("""
            outlierDetection: { consecutive5xxErrors: 5 }
            loadBalancer:
              localityLbSetting: { failoverPriority: [version, tier=gold] }
        """);

    /// <summary>A STATIC ServiceEntry <c>shop/api</c> on port 80 with <paramref name="endpoints"/> (flow mappings).</summary>
    private static string LabelledEntry(params string[] endpoints) => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: api, namespace: shop }
        spec:
          hosts: [api.example.com]
          ports: [{ number: 80, name: http }]
          resolution: STATIC
          endpoints:
        {{string.Concat(endpoints.Select(static e => $"  - {e}\n"))}}---

        """;

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
              "enforcingConsecutiveGatewayFailure": 100,
              "consecutiveLocalOriginFailure": 4,
              "enforcingConsecutiveLocalOriginFailure": 100,
              "enforcingLocalOriginSuccessRate": 0,
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
    public void ConsecutiveGatewayErrorsOfZeroAreNotEnforced()
    {
        var json = Json(Cluster(Run(InlineEntry + Rule("    outlierDetection: { consecutiveGatewayErrors: 0 }")), Cluster));

        AssertJson("""{ "consecutiveGatewayFailure": 0, "enforcingConsecutiveGatewayFailure": 0 }""", json["outlierDetection"]);
    }

    [Fact]
    public void WithoutOutlierDetectionTheClusterIsUntouchedButTheLocalitySettingStillGivesPriorities()
    {
        var snapshot = Run(InlineEntry + Rule("""
                connectionPool: { tcp: { tcpKeepalive: { time: 30s, interval: 5s, probes: 3 } } }
                loadBalancer:
                  localityLbSetting: { failoverPriority: [topology.kubernetes.io/region] }
            """));

        var cluster = Cluster(snapshot, Cluster);
        Assert.Null(cluster.OutlierDetection);
        Assert.Null(cluster.CommonLbConfig);
        Assert.Null(cluster.UpstreamConnectionOptions);
        // One entry; client region r1: the r2 endpoint and the one without a locality differ at entry 0 (N − 0 = 1).
        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 0, ["3.3.3.3"] = 0, ["4.4.4.4"] = 1, ["5.5.5.5"] = 1 },
            Priorities(cluster.LoadAssignment));
    }

    [Fact]
    public void TcpKeepaliveNeedsOutlierDetectionAndKeepsWholeSeconds()
    {
        var snapshot = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                connectionPool: { tcp: { tcpKeepalive: { time: 1500ms, interval: 2m, probes: 3 } } }
            """));

        AssertJson("""{ "tcpKeepalive": { "keepaliveProbes": 3, "keepaliveTime": 1, "keepaliveInterval": 120 } }""", Json(Cluster(snapshot, Cluster))["upstreamConnectionOptions"]);
    }

    [Fact]
    public void ZeroProbesAreLeftOutOfTheKeepalive()
    {
        var snapshot = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                connectionPool: { tcp: { tcpKeepalive: { time: 10s, probes: 0 } } }
            """));

        AssertJson("""{ "tcpKeepalive": { "keepaliveTime": 10 } }""", Json(Cluster(snapshot, Cluster))["upstreamConnectionOptions"]);
    }

    [Fact]
    public void TheIstioProfileAppliesTcpKeepaliveWithoutOutlierDetection()
    {
        var rule = Rule("    connectionPool: { tcp: { tcpKeepalive: { time: 10s } } }");

        AssertJson("""{ "tcpKeepalive": { "keepaliveTime": 10 } }""", Json(Cluster(Run(InlineEntry + rule, profile: "istio"), IstioCluster))["upstreamConnectionOptions"]);
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
    public void AClientWithoutALocalityHasTheEmptyOneWhichOnlyEndpointsWithoutALocalityShare()
    {
        // A client Pod whose Node has no topology labels (§B6: nothing exempts an empty client locality): the endpoint
        // without a locality matches it (0), every other differs in region (3); ranked, 0 and 1.
        var snapshot = Run(
            InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { enabled: true } }
            """),
            new EngineSettings { ClientNamespace = "shop" });

        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 1, ["2.2.2.2"] = 1, ["3.3.3.3"] = 1, ["4.4.4.4"] = 1, ["5.5.5.5"] = 0 },
            Priorities(Cluster(snapshot, Cluster).LoadAssignment));
    }

    [Fact]
    public void AClientWithoutLabelsComparesEmptyValuesAndStillTakesTheFixedOnes()
    {
        var yaml = LabelledEntry(
            "{ address: 1.1.1.1, labels: { version: v1, tier: gold } }",
            "{ address: 2.2.2.2, labels: { tier: gold } }",
            "{ address: 3.3.3.3 }");

        // §B4 with N = 2: version compares with the client's missing label (""), tier with the fixed "gold".
        var snapshot = Run(yaml + VersionThenGold, new EngineSettings { ClientNamespace = "shop" });

        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 2, ["2.2.2.2"] = 0, ["3.3.3.3"] = 1 },
            Priorities(Cluster(snapshot, Cluster).LoadAssignment));
    }

    [Fact]
    public void FailoverPriorityComparesArbitraryLabelsAndSplitsALocalityByPriority()
    {
        var yaml = LabelledEntry(
            "{ address: 1.1.1.1, locality: r1/z1, labels: { version: v1, tier: gold } }",
            "{ address: 2.2.2.2, locality: r1/z1, labels: { version: v2, tier: gold } }",
            "{ address: 3.3.3.3, locality: r1/z1, labels: { version: v1 } }");
        var snapshot = Run(yaml + VersionThenGold, new EngineSettings { ClientLabels = new Dictionary<string, string> { ["version"] = "v1" } });

        var groups = Cluster(snapshot, Cluster).LoadAssignment.Endpoints;
        Assert.Equal([0u, 1u, 2u], groups.Select(static g => g.Priority));
        Assert.Equal(["1.1.1.1", "3.3.3.3", "2.2.2.2"], groups.Select(static g => g.LbEndpoints.Single().Endpoint.Address.SocketAddress.Address));
        Assert.All(groups, static g => Assert.Equal("z1", g.Locality.Zone));
    }

    [Fact]
    public void ALocalitySettingWithoutFailoverPriorityUsesRegionZoneSubzone()
    {
        var plain = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { enabled: true } }
            """));

        // Client r1/r1z2/r1z2s3: same subzone 0, same zone 1, same region 2, else 3; ranks 0..3 are already compact.
        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 1, ["3.3.3.3"] = 2, ["4.4.4.4"] = 3, ["5.5.5.5"] = 3 },
            Priorities(Cluster(plain, Cluster).LoadAssignment));
    }

    [Fact]
    public void AFailoverEntryFromTheClientsRegionPushesOtherRegionsAndNoLocalityToFour()
    {
        var toR2 = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { failover: [{ from: r9, to: r1 }, { from: r1, to: r2 }] } }
            """));

        // r2 is the failover target and stays 3; the endpoint without a locality becomes 4; values 0,1,2,3,4 rank as they are.
        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 1, ["3.3.3.3"] = 2, ["4.4.4.4"] = 3, ["5.5.5.5"] = 4 },
            Priorities(Cluster(toR2, Cluster).LoadAssignment));
    }

    [Fact]
    public void LocalityFailoverPrioritiesAreCompactedToTheirRank()
    {
        var toR3 = Run(InlineEntry + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { failover: [{ from: r1, to: r3 }] } }
            """));

        // r2 and no locality both become 4; the values 0, 1, 2, 4 become their ranks 0, 1, 2, 3.
        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 1, ["3.3.3.3"] = 2, ["4.4.4.4"] = 3, ["5.5.5.5"] = 3 },
            Priorities(Cluster(toR3, Cluster).LoadAssignment));

        var farOnly = Run(LabelledEntry("{ address: 1.1.1.1, locality: r1/r1z3/x }", "{ address: 4.4.4.4, locality: r2/r2z1/r2z1s1 }") + Rule("""
                outlierDetection: { consecutive5xxErrors: 5 }
                loadBalancer: { localityLbSetting: { enabled: true } }
            """));

        // Raw values 2 (same region) and 3 (other region) rank 0 and 1.
        Assert.Equal(new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["4.4.4.4"] = 1 }, Priorities(Cluster(farOnly, Cluster).LoadAssignment));
    }

    [Fact]
    public void FailoverPriorityKeepsItsGapsInKgatewayAndIsCompactedInIstio()
    {
        var yaml = LabelledEntry("{ address: 1.1.1.1, locality: r1/r1z2/r1z2s3 }", "{ address: 4.4.4.4, locality: r2/r2z1/r2z1s1 }") + Rule(Failover);

        // N = 3; r2 differs at entry 0: 3 − 0 = 3, kept as 3; Istio ranks 0 and 3 as 0 and 1.
        Assert.Equal(new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["4.4.4.4"] = 3 }, Priorities(Cluster(Run(yaml), Cluster).LoadAssignment));
        Assert.Equal(new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["4.4.4.4"] = 1 }, Priorities(Endpoints(Run(yaml, profile: "istio"), IstioCluster)));
    }

    [Fact]
    public void AnEntryWithTwoEqualsSignsIsAKeyWithoutAnOverride()
    {
        var yaml = LabelledEntry("{ address: 1.1.1.1, labels: { version: v1 } }", "{ address: 2.2.2.2, labels: { version: v2 } }") + Rule("""
                loadBalancer: { localityLbSetting: { failoverPriority: ["version=v2=x"] } }
            """);

        // "version=v2=x" splits in three parts: key "version", compared with the client's v1 (N = 1).
        var snapshot = Run(yaml, new EngineSettings { ClientLabels = new Dictionary<string, string> { ["version"] = "v1" } });

        Assert.Equal(new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 1 }, Priorities(Cluster(snapshot, Cluster).LoadAssignment));
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
                connectionPool: { tcp: { tcpKeepalive: { time: 10s } } }
                loadBalancer: { localityLbSetting: { failoverPriority: [topology.kubernetes.io/region] } }
                portLevelSettings:
                - port: { number: 443 }
                  outlierDetection: { consecutive5xxErrors: 2, interval: 10s }
            """));

        var http = Cluster(snapshot, Cluster);
        Assert.Equal(7u, http.OutlierDetection.Consecutive5Xx);
        Assert.Equal(10u, http.UpstreamConnectionOptions.TcpKeepalive.KeepaliveTime);
        Assert.NotNull(http.CommonLbConfig.LocalityWeightedLbConfig);
        Assert.Contains(http.LoadAssignment.Endpoints, static g => g.Priority == 1);

        // Port 443's entry has no keepalive and no locality setting: nothing of the top level survives.
        var https = Cluster(snapshot, "istio-se_shop_api_api.example.com_443");
        AssertJson("""{ "consecutive5xx": 2, "interval": "10s" }""", https.OutlierDetection);
        Assert.Null(https.UpstreamConnectionOptions);
        AssertJson("""{ "healthyPanicThreshold": {} }""", https.CommonLbConfig);
        Assert.All(https.LoadAssignment.Endpoints, static g => Assert.Equal(0u, g.Priority));
    }

    [Fact]
    public void KgatewayPrefersARuleExportedEverywhereEvenOverAnOlderOneForTheClientsNamespace()
    {
        var local = Rule(Outlier(1), name: "local", extra: "  exportTo: [\".\"]", created: "2020-01-01T00:00:00Z");
        var global = Rule(Outlier(2), name: "global", ns: "other", created: "2024-01-01T00:00:00Z");

        Assert.Equal(2u, Chosen(local + global));
        Assert.Equal(1u, Chosen(local));
    }

    [Fact]
    public void KgatewayTakesTheOldestRuleThenTheSmallerNamespaceAndName()
    {
        Assert.Equal(3u, Chosen(Rule(Outlier(2), name: "b", created: "2024-01-01T00:00:00Z") + Rule(Outlier(3), name: "c", created: "2023-01-01T00:00:00Z")));
        Assert.Equal(4u, Chosen(Rule(Outlier(5), name: "a", ns: "zz") + Rule(Outlier(4), name: "z", ns: "aa")));
        Assert.Equal(6u, Chosen(Rule(Outlier(7), name: "b") + Rule(Outlier(6), name: "a")));
    }

    [Fact]
    public void ARuleWithoutACreationTimeIsTheOldestAsGosZeroTimeIs()
    {
        var undated = Rule(Outlier(1), name: "undated").Replace(", creationTimestamp: \"2024-01-01T00:00:00Z\"", string.Empty, StringComparison.Ordinal);

        Assert.Equal(1u, Chosen(Rule(Outlier(2), name: "dated", created: "2020-01-01T00:00:00Z") + undated));
    }

    [Fact]
    public void KgatewayReadsExportToAsKeys()
    {
        var dot = Rule(Outlier(1), ns: "other", extra: "  exportTo: [\".\"]");

        Assert.Null(Chosen(dot));
        Assert.Equal(1u, Chosen(dot, Client with { ClientNamespace = "other" }));
        Assert.Equal(2u, Chosen(Rule(Outlier(2), ns: "other", extra: "  exportTo: [shop]")));
        Assert.Null(Chosen(Rule(Outlier(3), extra: "  exportTo: [\"~\"]")));
    }

    [Fact]
    public void KgatewayFallsBackToTheClientsNamespaceOnlyWhenNoRuleExportedEverywhereSelectsTheClient()
    {
        var global = Rule(Outlier(1), name: "global", extra: "  workloadSelector: { matchLabels: { app: gateway } }");
        var local = Rule(Outlier(2), name: "local", extra: "  exportTo: [\".\"]");

        Assert.Equal(2u, Chosen(global + local));
        Assert.Equal(1u, Chosen(global + local, Client with { ClientLabels = new Dictionary<string, string> { ["app"] = "gateway", ["extra"] = "x" } }));
    }

    [Fact]
    public void KgatewayMatchesHostsExactlyWithoutWildcardsOrShortNames()
    {
        Assert.Null(Chosen(Rule(Outlier(2), name: "wild", host: "*.example.com")));
        Assert.Null(Chosen(Rule(Outlier(1), host: "other.example.com")));
        Assert.Equal(3u, Chosen(Rule(Outlier(3), host: "*.example.com"), profile: "istio") ?? 0);
    }

    [Fact]
    public void IstioTakesTheRuleInTheClientsNamespaceThenTheRootNamespaceThenOthers()
    {
        Assert.Equal(1u, Chosen(Rule(Outlier(3), ns: "other") + Rule(Outlier(2), ns: "istio-system") + Rule(Outlier(1)), profile: "istio"));
        Assert.Equal(2u, Chosen(Rule(Outlier(3), ns: "other") + Rule(Outlier(2), ns: "istio-system"), profile: "istio"));
        Assert.Equal(3u, Chosen(Rule(Outlier(3), ns: "other"), profile: "istio"));
        Assert.Null(Chosen(Rule(Outlier(3), ns: "other", extra: "  exportTo: [\".\"]"), profile: "istio"));
        Assert.Equal(3u, Chosen(Rule(Outlier(3), ns: "other", extra: "  exportTo: [shop]"), profile: "istio"));
    }

    [Fact]
    public void IstioPrefersAnExactHostToAWildcard()
    {
        Assert.Equal(1u, Chosen(Rule(Outlier(2), name: "wild", host: "*.example.com") + Rule(Outlier(1)), profile: "istio"));
        Assert.Equal(2u, Chosen(Rule(Outlier(2), name: "wild", host: "*.example.com") + Rule(Outlier(3), name: "wider", host: "*.com"), profile: "istio"));
        Assert.Null(Chosen(Rule(Outlier(1), host: "other.example.com"), profile: "istio"));
    }

    [Theory]
    [InlineData("networking.istio.io/v1beta1")]
    [InlineData("networking.istio.io/v1alpha3")]
    public void OlderDestinationRuleVersionsApply(string apiVersion)
        => Assert.Equal(7u, Cluster(Run(InlineEntry + Rule(Failover, apiVersion: apiVersion)), Cluster).OutlierDetection.Consecutive5Xx);

    [Fact]
    public void AServiceClusterTakesTheRuleForItsFqdnAndIstioAlsoForItsShortName()
    {
        var service = """
            apiVersion: v1
            kind: Service
            metadata: { name: reviews, namespace: shop }
            spec: { ports: [{ name: http, port: 9080 }] }
            ---

            """;
        uint? Errors(string yaml, string profile, string cluster) => Cluster(Run(yaml, profile: profile), cluster).OutlierDetection?.Consecutive5Xx;

        Assert.Equal(5u, Errors(service + Rule(Outlier(5), host: "reviews.shop.svc.cluster.local"), "kgateway", "kube_shop_reviews_9080"));
        Assert.Null(Errors(service + Rule(Outlier(4), host: "reviews"), "kgateway", "kube_shop_reviews_9080"));
        Assert.Equal(4u, Errors(service + Rule(Outlier(4), host: "reviews"), "istio", "outbound|9080||reviews.shop.svc.cluster.local"));
        Assert.Null(Errors(service + Rule(Outlier(5), ns: "other", host: "reviews"), "istio", "outbound|9080||reviews.shop.svc.cluster.local"));
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
        Assert.Equal(expected is null, snapshot.Warnings.Any(static w => w.Message.StartsWith("spec.trafficPolicy.outlierDetection.baseEjectionTime", StringComparison.Ordinal)));
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
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "DestinationRule shop/api" && w.Message == "spec.trafficPolicy.outlierDetection.interval 'soon' is not a duration; it is ignored");
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "DestinationRule shop/api" && w.Message == "spec.trafficPolicy.loadBalancer.localityLbSetting.distribute is not supported; it is ignored");
        // distribute is not read: locality failover applies as without it.
        Assert.Equal(
            new Dictionary<string, uint> { ["1.1.1.1"] = 0, ["2.2.2.2"] = 1, ["3.3.3.3"] = 2, ["4.4.4.4"] = 3, ["5.5.5.5"] = 3 },
            Priorities(Cluster(snapshot, Cluster).LoadAssignment));
    }
}
