using EnvoyCluster = Envoy.Config.Cluster.V3.Cluster;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// A DestinationRule's connection pool, H2 upgrade, outlier detection and load-balancer extras on a waypoint's
/// <c>inbound-vip</c> clusters (docs/spec/istio-waypoint-output.md §3: "the DestinationRule's pool/outlier/LB/H2-upgrade
/// settings"). The spec does not list the Envoy fields; the expected values are written from Istio's cluster builder as
/// understood (circuit-breaker thresholds, common HTTP protocol options, slow start) and Envoy's proto field semantics.
/// </summary>
public sealed class IstioInboundVipConnectionPoolTests
{
    private const string ReviewsHttp = "inbound-vip|9080|http|reviews.shop.svc.cluster.local";
    private const string HttpOptionsKey = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    private static readonly string Reviews = Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }]");

    private static string Rule(string spec) => $$"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: reviews, namespace: shop }
        spec:
          host: reviews
        {{spec}}
        ---

        """;

    private static UpstreamHttpOptions HttpOptions(EnvoyCluster cluster) => cluster.TypedExtensionProtocolOptions[HttpOptionsKey].Unpack<UpstreamHttpOptions>();

    [Fact]
    public void WithoutAConnectionPoolTheClusterHasIstiosUnlimitedCircuitBreakersAndNoHttpOptions()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews), ReviewsHttp);

        AssertJson("""
            { "thresholds": [ { "maxConnections": 4294967295, "maxPendingRequests": 4294967295, "maxRequests": 4294967295, "maxRetries": 4294967295, "trackRemaining": true } ] }
            """, cluster.CircuitBreakers);
        Assert.Empty(cluster.TypedExtensionProtocolOptions);
        Assert.Equal(10, cluster.ConnectTimeout.Seconds);
    }

    [Fact]
    public void TheConnectionPoolsLimitsReplaceTheirCircuitBreakerMaxima()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                connectionPool:
                  tcp: { maxConnections: 100 }
                  http: { http1MaxPendingRequests: 10, http2MaxRequests: 1000, maxRetries: 3 }
            """)), ReviewsHttp);

        AssertJson("""
            { "thresholds": [ { "maxConnections": 100, "maxPendingRequests": 10, "maxRequests": 1000, "maxRetries": 3, "trackRemaining": true } ] }
            """, cluster.CircuitBreakers);
    }

    [Fact]
    public void ZeroLimitsKeepTheUnlimitedMaxima()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                connectionPool:
                  tcp: { maxConnections: 0 }
                  http: { maxRetries: 0 }
            """)), ReviewsHttp);

        AssertJson("""
            { "thresholds": [ { "maxConnections": 4294967295, "maxPendingRequests": 4294967295, "maxRequests": 4294967295, "maxRetries": 4294967295, "trackRemaining": true } ] }
            """, cluster.CircuitBreakers);
    }

    [Fact]
    public void TheTcpConnectTimeoutReplacesTheMeshDefault()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                connectionPool: { tcp: { connectTimeout: 250ms } }
            """)), ReviewsHttp);

        Assert.Equal((0L, 250_000_000), (cluster.ConnectTimeout.Seconds, cluster.ConnectTimeout.Nanos));
    }

    [Fact]
    public void IdleTimeoutRequestsPerConnectionAndConnectionDurationGoIntoTheCommonHttpProtocolOptions()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                connectionPool:
                  tcp: { maxConnectionDuration: 1h }
                  http: { idleTimeout: 30s, maxRequestsPerConnection: 1 }
            """)), ReviewsHttp);

        AssertJson("""
            { "commonHttpProtocolOptions": { "idleTimeout": "30s", "maxConnectionDuration": "3600s", "maxRequestsPerConnection": 1 } }
            """, HttpOptions(cluster));
    }

    [Fact]
    public void UseClientProtocolMakesTheClusterUseTheDownstreamProtocol()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                connectionPool: { http: { useClientProtocol: true } }
            """)), ReviewsHttp);

        AssertJson("""
            { "useDownstreamProtocolConfig": { "httpProtocolOptions": {}, "http2ProtocolOptions": {} } }
            """, HttpOptions(cluster));
    }

    [Fact]
    public void AnH2UpgradePolicyOfUpgradeMakesTheClusterSpeakHttp2()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                connectionPool: { http: { h2UpgradePolicy: UPGRADE } }
            """)), ReviewsHttp);

        AssertJson("""
            { "explicitHttpConfig": { "http2ProtocolOptions": {} } }
            """, HttpOptions(cluster));
    }

    [Fact]
    public void DoNotUpgradeLeavesAnHttp1PortWithoutProtocolOptions()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                connectionPool: { http: { h2UpgradePolicy: DO_NOT_UPGRADE } }
            """)), ReviewsHttp);

        Assert.Empty(cluster.TypedExtensionProtocolOptions);
    }

    [Fact]
    public void AnUpgradeDoesNotReplaceTheDownstreamProtocolOfAnUnsupportedPort()
    {
        var snapshot = TranslateIstio(Waypoint + Service("legacy", "10.96.0.30", "[{ port: 7000 }]") + """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: legacy, namespace: shop }
            spec:
              host: legacy
              trafficPolicy:
                connectionPool: { http: { h2UpgradePolicy: UPGRADE, idleTimeout: 5s } }
            """);

        AssertJson("""
            { "commonHttpProtocolOptions": { "idleTimeout": "5s" }, "useDownstreamProtocolConfig": { "httpProtocolOptions": {}, "http2ProtocolOptions": {} } }
            """, HttpOptions(Cluster(snapshot, "inbound-vip|7000|http|legacy.shop.svc.cluster.local")));
    }

    [Fact]
    public void ASubsetsOwnOutlierDetectionAndKeepaliveApplyToItsClusterOnly()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                outlierDetection: { consecutive5xxErrors: 5, interval: 10s }
              subsets:
              - name: v2
                labels: { version: v2 }
                trafficPolicy:
                  outlierDetection: { consecutive5xxErrors: 1, interval: 2s }
                  connectionPool: { tcp: { tcpKeepalive: { time: 60s, probes: 3 } } }
            """));

        var plain = Cluster(snapshot, ReviewsHttp);
        Assert.Equal((5u, 10L), (plain.OutlierDetection.Consecutive5Xx, plain.OutlierDetection.Interval.Seconds));
        Assert.Null(plain.UpstreamConnectionOptions);
        var subset = Cluster(snapshot, "inbound-vip|9080|http/v2|reviews.shop.svc.cluster.local");
        Assert.Equal((1u, 2L), (subset.OutlierDetection.Consecutive5Xx, subset.OutlierDetection.Interval.Seconds));
        AssertJson("""{ "tcpKeepalive": { "keepaliveProbes": 3, "keepaliveTime": 60 } }""", subset.UpstreamConnectionOptions);
    }

    [Fact]
    public void ASubsetWithoutItsOwnOutlierDetectionInheritsTheRules()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                outlierDetection: { consecutive5xxErrors: 5 }
              subsets:
              - name: v1
                labels: { version: v1 }
                trafficPolicy: { connectionPool: { tcp: { maxConnections: 7 } } }
            """));

        var subset = Cluster(snapshot, "inbound-vip|9080|http/v1|reviews.shop.svc.cluster.local");
        Assert.Equal(5u, subset.OutlierDetection.Consecutive5Xx);
        Assert.Equal(7u, subset.CircuitBreakers.Thresholds.Single().MaxConnections);
        Assert.Equal(uint.MaxValue, Cluster(snapshot, ReviewsHttp).CircuitBreakers.Thresholds.Single().MaxConnections);
    }

    [Fact]
    public void PassthroughMakesTheClusterOriginalDstWithClusterProvidedAndNoEndpoints()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                loadBalancer: { simple: PASSTHROUGH }
            """));

        var cluster = Cluster(snapshot, ReviewsHttp);
        Assert.Equal((EnvoyCluster.Types.DiscoveryType.OriginalDst, EnvoyCluster.Types.LbPolicy.ClusterProvided), (cluster.Type, cluster.LbPolicy));
        Assert.Null(cluster.LoadAssignment);
        Assert.DoesNotContain(snapshot.Endpoints, static e => e.ClusterName == ReviewsHttp);
    }

    [Fact]
    public void AWarmupGivesTheDefaultLeastRequestClusterASlowStartWindowAndMinimumWeight()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                loadBalancer: { warmup: { duration: 90s, minimumPercent: 10 } }
            """)), ReviewsHttp);

        Assert.Equal(EnvoyCluster.Types.LbPolicy.LeastRequest, cluster.LbPolicy);
        AssertJson("""
            { "slowStartConfig": { "slowStartWindow": "90s", "minWeightPercent": { "value": 10 } } }
            """, cluster.LeastRequestLbConfig);
    }

    [Fact]
    public void WarmupDurationSecsGivesARoundRobinClusterASlowStartWindow()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                loadBalancer: { simple: ROUND_ROBIN, warmupDurationSecs: 45s }
            """)), ReviewsHttp);

        AssertJson("""{ "slowStartConfig": { "slowStartWindow": "45s" } }""", cluster.RoundRobinLbConfig);
    }

    [Fact]
    public void AWarmupAggressionIsReportedAndLeftOut()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                loadBalancer: { warmup: { duration: 30s, aggression: 2 } }
            """));

        AssertJson("""{ "slowStartConfig": { "slowStartWindow": "30s" } }""", Cluster(snapshot, ReviewsHttp).LeastRequestLbConfig);
        Assert.Contains(snapshot.Warnings, static w => w.Subject == $"DestinationRule for {ReviewsHttp}" && w.Message.StartsWith("loadBalancer.warmup.aggression", StringComparison.Ordinal));
    }
}
