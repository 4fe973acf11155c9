using Envoy.Config.Core.V3;
using EnvoyCluster = Envoy.Config.Cluster.V3.Cluster;
using Envoy.Extensions.TransportSockets.InternalUpstream.V3;
using Envoy.Extensions.TransportSockets.ProxyProtocol.V3;
using Envoy.Extensions.TransportSockets.Tls.V3;
using UpstreamHttpOptions = Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// A DestinationRule's TLS, PROXY protocol and TCP settings on a waypoint's <c>inbound-vip</c> clusters and TCP chains
/// (docs/spec/istio-waypoint-output.md §2.2, §3): <c>internal_upstream</c> passes the original destination and Istio
/// metadata and wraps <c>raw_buffer</c> or the rule's SIMPLE/MUTUAL TLS (ISTIO_MUTUAL ignored), with PROXY protocol
/// around either; <c>tcp_proxy</c> takes the rule's idle timeout, connection duration and source-IP hashing. Port-level
/// settings replace TLS for their port; a subset's own TLS replaces the rule's for the subset. Expected values are
/// written from the spec. The connection pool, H2 upgrade, subset outlier detection, PASSTHROUGH and warmup (§3: "the
/// DestinationRule's pool/outlier/LB/H2-upgrade settings") have no Envoy fields in the spec; their expected values are
/// written from Istio's cluster builder as understood (circuit-breaker thresholds, common HTTP protocol options, slow
/// start) and Envoy's proto field semantics.
/// </summary>
public sealed class IstioInboundVipDestinationRuleTests
{
    private const string ReviewsHttp = "inbound-vip|9080|http|reviews.shop.svc.cluster.local";
    private const string ReviewsAdmin = "inbound-vip|9081|http|reviews.shop.svc.cluster.local";

    private const string HttpOptionsKey = "envoy.extensions.upstreams.http.v3.HttpProtocolOptions";

    /// <summary>Istio's default circuit breakers: one threshold, no limit, remaining capacity tracked.</summary>
    private const string UnlimitedCircuitBreakers = """
        { "thresholds": [ { "maxConnections": 4294967295, "maxPendingRequests": 4294967295, "maxRequests": 4294967295, "maxRetries": 4294967295, "trackRemaining": true } ] }
        """;

    private static readonly string Reviews = Service("reviews", "10.96.0.20", "[{ name: http, port: 9080 }, { name: http-admin, port: 9081 }]");

    private static string Rule(string spec) => $$"""
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: { name: reviews, namespace: shop }
        spec:
          host: reviews
        {{spec}}
        ---

        """;

    /// <summary>The cluster's <c>internal_upstream</c> socket, after checking it passes both metadata.</summary>
    private static InternalUpstreamTransport InternalUpstream(RulesMesh.Translation.Output.XdsSnapshot snapshot, string cluster)
    {
        var found = Cluster(snapshot, cluster);
        Assert.Empty(found.TransportSocketMatches);
        Assert.Equal("internal_upstream", found.TransportSocket.Name);
        var socket = found.TransportSocket.TypedConfig.Unpack<InternalUpstreamTransport>();
        Assert.Equal(["envoy.filters.listener.original_dst", "istio"], socket.PassthroughMetadata.Select(static m => m.Name));
        return socket;
    }

    private static UpstreamHttpOptions HttpOptions(EnvoyCluster cluster) => cluster.TypedExtensionProtocolOptions[HttpOptionsKey].Unpack<UpstreamHttpOptions>();

    [Fact]
    public void WithoutTlsTheInternalUpstreamSocketWrapsRawBuffer()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews);

        Assert.Equal("raw_buffer", InternalUpstream(snapshot, ReviewsHttp).TransportSocket.Name);
    }

    [Fact]
    public void SimpleTlsOriginationIsWrappedInProxyProtocolInsideTheInternalUpstreamSocket()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                proxyProtocol: { version: V2 }
                tls: { mode: SIMPLE, sni: reviews.internal, caCertificates: /etc/certs/ca.pem, subjectAltNames: [reviews.internal, "spiffe://cluster.local/ns/shop/sa/reviews"] }
            """));

        var proxy = InternalUpstream(snapshot, ReviewsHttp).TransportSocket;
        Assert.Equal("envoy.transport_sockets.upstream_proxy_protocol", proxy.Name);
        var proxyConfig = proxy.TypedConfig.Unpack<ProxyProtocolUpstreamTransport>();
        Assert.Equal(ProxyProtocolConfig.Types.Version.V2, proxyConfig.Config.Version);
        Assert.Equal("envoy.transport_sockets.tls", proxyConfig.TransportSocket.Name);
        var tls = proxyConfig.TransportSocket.TypedConfig.Unpack<UpstreamTlsContext>();
        Assert.Equal("reviews.internal", tls.Sni);
        Assert.Empty(tls.CommonTlsContext.TlsCertificateSdsSecretConfigs);
        var validation = tls.CommonTlsContext.CombinedValidationContext;
        Assert.Equal("file-root:/etc/certs/ca.pem", validation.ValidationContextSdsSecretConfig.Name);
        Assert.Equal(
            [(SubjectAltNameMatcher.Types.SanType.Dns, "reviews.internal"), (SubjectAltNameMatcher.Types.SanType.Uri, "spiffe://cluster.local/ns/shop/sa/reviews")],
            validation.DefaultValidationContext.MatchTypedSubjectAltNames.Select(static m => (m.SanType, m.Matcher.Exact)));
    }

    [Fact]
    public void ABackendTlsPolicysTlsGoesInsideTheInternalUpstreamSocket()
    {
        // §3: the internal_upstream socket, which carries the original destination to connect_originate, stays; the
        // policy's TLS takes the place of the raw_buffer it wraps.
        var snapshot = TranslateIstio(Waypoint + Reviews + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: { name: reviews-tls, namespace: shop }
            spec:
              targetRefs: [{ group: "", kind: Service, name: reviews }]
              validation: { hostname: reviews.internal, wellKnownCACertificates: System }
            ---

            """);

        var inner = InternalUpstream(snapshot, ReviewsHttp).TransportSocket;
        Assert.Equal("envoy.transport_sockets.tls", inner.Name);
        Assert.Equal("reviews.internal", inner.TypedConfig.Unpack<UpstreamTlsContext>().Sni);
    }

    [Fact]
    public void MutualTlsFromACredentialNameUsesItsSecretsAndIstioMutualIsIgnored()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                tls: { mode: ISTIO_MUTUAL }
                portLevelSettings:
                - port: { number: 9081 }
                  tls: { mode: MUTUAL, credentialName: reviews-client }
            """));

        Assert.Equal("raw_buffer", InternalUpstream(snapshot, ReviewsHttp).TransportSocket.Name);
        var socket = InternalUpstream(snapshot, ReviewsAdmin).TransportSocket;
        Assert.Equal("envoy.transport_sockets.tls", socket.Name);
        var common = socket.TypedConfig.Unpack<UpstreamTlsContext>().CommonTlsContext;
        Assert.Equal("kubernetes://reviews-client", common.TlsCertificateSdsSecretConfigs.Single().Name);
        Assert.Equal("kubernetes://reviews-client-cacert", common.CombinedValidationContext.ValidationContextSdsSecretConfig.Name);
    }

    [Fact]
    public void APortLevelSettingReplacesTheRulesTlsForItsPortOnly()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                tls: { mode: SIMPLE }
                portLevelSettings:
                - port: { number: 9081 }
                  connectionPool: { tcp: { maxConnections: 10 } }
            """));

        var simple = InternalUpstream(snapshot, ReviewsHttp).TransportSocket;
        Assert.Equal("envoy.transport_sockets.tls", simple.Name);
        Assert.NotNull(simple.TypedConfig.Unpack<UpstreamTlsContext>().CommonTlsContext.ValidationContext);
        Assert.Equal("raw_buffer", InternalUpstream(snapshot, ReviewsAdmin).TransportSocket.Name);
    }

    [Fact]
    public void ASubsetsOwnTlsAppliesToItsClusterOnly()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              subsets:
              - name: v2
                labels: { version: v2 }
                trafficPolicy: { tls: { mode: SIMPLE, sni: v2.reviews } }
            """));

        Assert.Equal("raw_buffer", InternalUpstream(snapshot, ReviewsHttp).TransportSocket.Name);
        var subset = InternalUpstream(snapshot, "inbound-vip|9080|http/v2|reviews.shop.svc.cluster.local").TransportSocket;
        Assert.Equal("v2.reviews", subset.TypedConfig.Unpack<UpstreamTlsContext>().Sni);
    }

    [Fact]
    public void TheTcpProxyTakesTheRulesIdleTimeoutConnectionDurationAndSourceIpHashing()
    {
        var snapshot = TranslateIstio(Waypoint + Service("db", "10.96.0.21", "[{ name: tcp-postgres, port: 5432 }]") + """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: db, namespace: shop }
            spec:
              host: db.shop.svc.cluster.local
              trafficPolicy:
                connectionPool: { tcp: { idleTimeout: 30m, maxConnectionDuration: 1h } }
                loadBalancer: { consistentHash: { useSourceIp: true } }
            """);

        var proxy = TcpProxy(Chain(snapshot, "inbound-vip|5432|tcp|db.shop.svc.cluster.local"));
        Assert.Equal(1800, proxy.IdleTimeout.Seconds);
        Assert.Equal(3600, proxy.MaxDownstreamConnectionDuration.Seconds);
        Assert.NotNull(proxy.HashPolicy.Single().SourceIp);
        Assert.Equal("inbound-vip|5432|tcp|db.shop.svc.cluster.local", proxy.Cluster);
    }

    [Fact]
    public void WithoutARuleTheTcpProxyHasNoTimeoutsOrHashing()
    {
        var snapshot = TranslateIstio(Waypoint + Service("db", "10.96.0.21", "[{ name: tcp-postgres, port: 5432 }]"));

        var proxy = TcpProxy(Chain(snapshot, "inbound-vip|5432|tcp|db.shop.svc.cluster.local"));
        Assert.Null(proxy.IdleTimeout);
        Assert.Null(proxy.MaxDownstreamConnectionDuration);
        Assert.Empty(proxy.HashPolicy);
    }

    [Fact]
    public void AConsistentHashMakesTheClusterRingHashAndGivesTheDefaultRouteItsHashPolicyWithoutTheRetryHostPredicate()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                loadBalancer: { consistentHash: { httpHeaderName: x-user } }
            """));

        var cluster = Cluster(snapshot, ReviewsHttp);
        Assert.Equal(EnvoyCluster.Types.LbPolicy.RingHash, cluster.LbPolicy);
        Assert.Equal(1024ul, cluster.RingHashLbConfig.MinimumRingSize);
        var route = RouteConfig(snapshot, ReviewsHttp).VirtualHosts.Single().Routes.Single();
        Assert.Equal("default", route.Name);
        Assert.Equal("x-user", route.Route_.HashPolicy.Single().Header.HeaderName);
        Assert.Empty(route.Route_.RetryPolicy.RetryHostPredicate);
        Assert.Equal(2u, route.Route_.RetryPolicy.NumRetries);
        Assert.Equal(5, route.Route_.RetryPolicy.HostSelectionRetryMaxAttempts);
    }

    [Fact]
    public void ASimpleLoadBalancerSetsThePolicyAndLeastRequestIsTheDefault()
    {
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                loadBalancer: { simple: ROUND_ROBIN }
                portLevelSettings:
                - port: { number: 9081 }
                  loadBalancer: { consistentHash: { maglev: { tableSize: 65537 }, useSourceIp: true } }
            """) + Service("details", "10.96.0.40", "[{ name: http, port: 9080 }]"));

        Assert.Equal(EnvoyCluster.Types.LbPolicy.RoundRobin, Cluster(snapshot, ReviewsHttp).LbPolicy);
        var admin = Cluster(snapshot, ReviewsAdmin);
        Assert.Equal((EnvoyCluster.Types.LbPolicy.Maglev, 65537ul), (admin.LbPolicy, admin.MaglevLbConfig.TableSize));
        Assert.True(RouteConfig(snapshot, ReviewsAdmin).VirtualHosts.Single().Routes.Single().Route_.HashPolicy.Single().ConnectionProperties.SourceIp);
        Assert.Equal(EnvoyCluster.Types.LbPolicy.LeastRequest, Cluster(snapshot, "inbound-vip|9080|http|details.shop.svc.cluster.local").LbPolicy);
    }

    [Fact]
    public void OutlierDetectionTurnsSuccessRateEjectionOffAndEnforcesConsecutive5xxErrorsAsIstioDoes()
    {
        // Istio's applyOutlierDetection (as understood; the spec says only "the DestinationRule's ... outlier settings"):
        // enforcing_success_rate 0 ("SuccessRate based outlier detection should be disabled"), and consecutive 5xx
        // errors enforced at 100 when above 0, else 0, as it does gateway errors. Envoy enforces success-rate ejection
        // at 100 % by default once a cluster has five hosts with enough requests.
        var snapshot = TranslateIstio(Waypoint + Reviews + Rule("""
              trafficPolicy:
                outlierDetection: { consecutive5xxErrors: 7, interval: 10s, baseEjectionTime: 30s }
                portLevelSettings:
                - port: { number: 9081 }
                  outlierDetection: { consecutive5xxErrors: 0, consecutiveGatewayErrors: 3 }
            """));

        AssertJson("""
            { "consecutive5xx": 7, "interval": "10s", "baseEjectionTime": "30s", "enforcingConsecutive5xx": 100, "enforcingSuccessRate": 0 }
            """, Cluster(snapshot, ReviewsHttp).OutlierDetection);
        AssertJson("""
            { "consecutive5xx": 0, "enforcingConsecutive5xx": 0, "enforcingSuccessRate": 0, "consecutiveGatewayFailure": 3, "enforcingConsecutiveGatewayFailure": 100 }
            """, Cluster(snapshot, ReviewsAdmin).OutlierDetection);
    }

    [Fact]
    public void WithoutAConnectionPoolTheClusterHasIstiosUnlimitedCircuitBreakersAndNoHttpOptions()
    {
        var cluster = Cluster(TranslateIstio(Waypoint + Reviews), ReviewsHttp);

        AssertJson(UnlimitedCircuitBreakers, cluster.CircuitBreakers);
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

        AssertJson(UnlimitedCircuitBreakers, cluster.CircuitBreakers);
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
        Assert.Contains(snapshot.Warnings, static w => w.Subject == $"DestinationRule for {ReviewsHttp}" && w.Message.StartsWith("spec.trafficPolicy.loadBalancer.warmup.aggression", StringComparison.Ordinal));
    }
}
