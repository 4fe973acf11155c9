using System.Text.Json.Nodes;
using RulesMesh.Loading;
using RulesMesh.Rules;
using RulesMesh.Tests.Translation.Backends;
using RulesMesh.Translation.Output;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Policy.BackendPolicies;

/// <summary>
/// kgateway.policy.backend-config: attachment by name, labels and Hostname alias, the oldest-first shallow merge, each
/// field's Envoy setting, validation and status (docs/spec/kgateway-backendconfigpolicy.md).
/// </summary>
public sealed class BackendConfigPolicyTests
{
    private const string Http = "kube_shop_reviews_9080";
    private const string Grpc = "kube_shop_reviews_9090";
    private const string Api = "istio-se_shop_api_api.example.com_80";
    private const string Api2 = "istio-se_shop_api_api2.example.com_80";
    private const string Dns = "istio-se_shop_dns_dns.example.com_80";

    private const string Mesh = """
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop, labels: { app: reviews } }
        spec:
          clusterIP: 10.0.0.7
          ports:
          - { name: http, port: 9080 }
          - { name: grpc, port: 9090, appProtocol: grpc }
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: api, namespace: shop, labels: { app: api } }
        spec:
          hosts: [api.example.com, api2.example.com]
          ports: [{ number: 80, name: http, protocol: HTTP }]
          resolution: STATIC
          endpoints: [{ address: 1.1.1.1 }]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: dns, namespace: shop }
        spec:
          hosts: [dns.example.com]
          ports: [{ number: 80, name: http, protocol: HTTP }]
          resolution: DNS
        ---

        """;

    private static string Policy(string spec, string name = "p", string ns = "shop", string created = "2024-01-01T00:00:00Z", string targets = "  targetRefs: [{ group: \"\", kind: Service, name: reviews }]") => $$"""
        apiVersion: gateway.kgateway.dev/v1alpha1
        kind: BackendConfigPolicy
        metadata: { name: {{name}}, namespace: {{ns}}, creationTimestamp: "{{created}}" }
        spec:
        {{targets}}
        {{spec}}
        ---

        """;

    private static XdsSnapshot Run(string yaml, EngineSettings? settings = null) => ServiceEntryEndpointsTests.Run(Mesh + yaml, settings);

    private static JsonNode? Field(XdsSnapshot snapshot, string cluster, string field) => Json(Cluster(snapshot, cluster))[field];

    [Fact]
    public void AServiceTargetSetsTimeoutBufferAndWholeSecondKeepaliveOnEveryPort()
    {
        var snapshot = Run(Policy("""
              connectTimeout: 2s
              perConnectionBufferLimitBytes: 1024
              tcpKeepalive: { keepAliveProbes: 3, keepAliveTime: 1m30s, keepAliveInterval: 2500ms }
            """));

        foreach (var cluster in new[] { Http, Grpc })
        {
            Assert.Equal("2s", Field(snapshot, cluster, "connectTimeout")!.GetValue<string>());
            Assert.Equal(1024, Field(snapshot, cluster, "perConnectionBufferLimitBytes")!.GetValue<int>());
            AssertJson("""{ "tcpKeepalive": { "keepaliveProbes": 3, "keepaliveTime": 90, "keepaliveInterval": 2 } }""", Field(snapshot, cluster, "upstreamConnectionOptions"));
        }

        Assert.Equal("5s", Field(snapshot, Api, "connectTimeout")!.GetValue<string>());
    }

    [Fact]
    public void AHostnameTargetReachesEveryHostsClusterOfTheEntry()
    {
        var snapshot = Run(Policy("  connectTimeout: 3s", targets: "  targetRefs: [{ group: networking.istio.io, kind: Hostname, name: api2.example.com }]"));

        Assert.Equal("3s", Field(snapshot, Api, "connectTimeout")!.GetValue<string>());
        Assert.Equal("3s", Field(snapshot, Api2, "connectTimeout")!.GetValue<string>());
        Assert.Equal("5s", Field(snapshot, Http, "connectTimeout")!.GetValue<string>());
    }

    [Fact]
    public void ASelectorNeedsEveryLabelAndThePolicysNamespace()
    {
        string Timeout(string policy) => Field(Run(policy), Http, "connectTimeout")!.GetValue<string>();
        const string Matching = "  targetSelectors: [{ group: \"\", kind: Service, matchLabels: { app: reviews } }]";

        Assert.Equal("4s", Timeout(Policy("  connectTimeout: 4s", targets: Matching)));
        Assert.Equal("5s", Timeout(Policy("  connectTimeout: 4s", targets: "  targetSelectors: [{ group: \"\", kind: Service, matchLabels: { app: reviews, tier: gold } }]")));
        Assert.Equal("5s", Timeout(Policy("  connectTimeout: 4s", ns: "other", targets: Matching)));
        Assert.Equal("5s", Timeout(Policy("  connectTimeout: 4s", ns: "other")));
    }

    [Fact]
    public void TheOldestPolicyWinsEachTopLevelFieldAndNewerOnesFillTheRest()
    {
        var snapshot = Run(
            Policy("  connectTimeout: 99s\n  circuitBreakers: { maxConnections: 7, maxRetries: 0, trackRemaining: true }", name: "newer", created: "2025-01-01T00:00:00Z")
            + Policy("  connectTimeout: 5s\n  dns: { refreshRate: 5s }", name: "older", created: "2023-01-01T00:00:00Z"));

        Assert.Equal("5s", Field(snapshot, Http, "connectTimeout")!.GetValue<string>());
        AssertJson("""{ "thresholds": [ { "maxConnections": 7, "maxRetries": 0, "trackRemaining": true } ] }""", Field(snapshot, Http, "circuitBreakers"));
    }

    [Fact]
    public void APolicyWithoutACreationTimeIsTheOldestAsGosZeroTimeIs()
    {
        var undated = Policy("  connectTimeout: 1s", name: "undated").Replace(", creationTimestamp: \"2024-01-01T00:00:00Z\"", string.Empty, StringComparison.Ordinal);

        var snapshot = Run(Policy("  connectTimeout: 2s", name: "dated", created: "2020-01-01T00:00:00Z") + undated);

        Assert.Equal("1s", Field(snapshot, Http, "connectTimeout")!.GetValue<string>());
    }

    [Theory]
    [InlineData("  connectTimeout: 0s", "spec.connectTimeout 0s is not above zero, which Envoy requires; it is ignored")]
    [InlineData("  healthCheck: { timeout: 0s, interval: 5s, unhealthyThreshold: 1, healthyThreshold: 1, http: { path: /healthz } }", "spec.healthCheck: timeout 0s is not above zero; Envoy would refuse it, so the health check is ignored")]
    [InlineData("  healthCheck: { timeout: 1s, interval: 0ms, unhealthyThreshold: 1, healthyThreshold: 1, http: { path: /healthz } }", "spec.healthCheck: interval 0ms is not above zero; Envoy would refuse it, so the health check is ignored")]
    [InlineData("  healthCheck: { timeout: 1s, interval: 5s, unhealthyThreshold: 1, healthyThreshold: 1, http: { path: \"\" } }", "spec.healthCheck: http.path is empty; Envoy would refuse it, so the health check is ignored")]
    [InlineData("  healthCheck: { timeout: 1s, interval: 5s, unhealthyThreshold: 1, healthyThreshold: 1, http: { path: /h, host: \"a\\r\\nb\" } }", "spec.healthCheck: http.host \"a\\r\\nb\" contains a carriage return (CR), which is not allowed in an HTTP header; Envoy would refuse it, so the health check is ignored")]
    public void AValueEnvoyWouldRefuseIsIgnoredWithAWarning(string spec, string warning)
    {
        var snapshot = Run(Policy(spec));

        var cluster = Json(Cluster(snapshot, Http));
        Assert.Equal("5s", cluster["connectTimeout"]!.GetValue<string>());
        Assert.Null(cluster["healthChecks"]);
        Assert.Contains(snapshot.Warnings, w => w.Message == warning);
    }

    [Theory]
    [InlineData("leastRequest: { choiceCount: -1 }", "least_request", "spec.loadBalancer.leastRequest.choiceCount -1 is below 2, Envoy's least; the default 2 is used")]
    [InlineData("ringHash: { minimumRingSize: 1000, maximumRingSize: 10 }", "ring_hash", "spec.loadBalancer.ringHash ring sizes 1000..10 are not within 0..8388608 with the minimum (1024 unset) not above the maximum, as Envoy requires; they are ignored")]
    [InlineData("ringHash: { maximumRingSize: 100 }", "ring_hash", "spec.loadBalancer.ringHash ring sizes ..100 are not within 0..8388608 with the minimum (1024 unset) not above the maximum, as Envoy requires; they are ignored")]
    [InlineData("ringHash: { maximumRingSize: 99999999999 }", "ring_hash", "spec.loadBalancer.ringHash ring sizes ..99999999999 are not within 0..8388608 with the minimum (1024 unset) not above the maximum, as Envoy requires; they are ignored")]
    public void ALoadBalancerValueEnvoyWouldRefuseIsLeftToItsDefaultWithAWarning(string balancer, string policy, string warning)
    {
        var snapshot = Run(Policy($"  loadBalancer: {{ {balancer} }}"));

        var config = Field(snapshot, Http, "loadBalancingPolicy")!["policies"]![0]!["typedExtensionConfig"]!;
        Assert.Equal("envoy.load_balancing_policies." + policy, config["name"]!.GetValue<string>());
        var typed = config["typedConfig"]!.AsObject();
        Assert.False(typed.ContainsKey("minimumRingSize") || typed.ContainsKey("maximumRingSize"));
        Assert.True(!typed.ContainsKey("choiceCount") || typed["choiceCount"]!.GetValue<long>() == 2);
        Assert.Contains(snapshot.Warnings, w => w.Message == warning);
    }

    [Fact]
    public void AnHttp2WindowAboveEnvoysLimitIsIgnoredWithAWarning()
    {
        var snapshot = Run(Policy("  http2ProtocolOptions: { initialConnectionWindowSize: \"2147483647.9\", initialStreamWindowSize: 64Ki }"));

        AssertJson("""{ "initialStreamWindowSize": 65536 }""", Field(snapshot, Grpc, "typedExtensionProtocolOptions")!["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]!["explicitHttpConfig"]!["http2ProtocolOptions"]);
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.http2ProtocolOptions.initialConnectionWindowSize 2147483647.9 is 2147483648 bytes, outside Envoy's 65535 to 2147483647; it is ignored");
    }

    [Fact]
    public void CommonHttpOptionsMakeHttp1ExplicitButKeepHttp2()
    {
        var snapshot = Run(Policy("  commonHttpProtocolOptions: { idleTimeout: 60s, maxHeadersCount: 15, maxStreamDuration: 30s, maxRequestsPerConnection: 100 }"));
        const string Common = """{ "idleTimeout": "60s", "maxHeadersCount": 15, "maxStreamDuration": "30s", "maxRequestsPerConnection": 100 }""";

        AssertJson($$"""
            { "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                "commonHttpProtocolOptions": {{Common}}, "explicitHttpConfig": { "httpProtocolOptions": {} } } }
            """, Field(snapshot, Http, "typedExtensionProtocolOptions"));
        AssertJson($$"""
            { "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                "commonHttpProtocolOptions": {{Common}}, "explicitHttpConfig": { "http2ProtocolOptions": {} } } }
            """, Field(snapshot, Grpc, "typedExtensionProtocolOptions"));
    }

    [Fact]
    public void AMaxHeadersCountOfZeroWhichEnvoyRefusesIsLeftOutWithAWarning()
    {
        // The CRD's minimum is 0; Envoy's max_headers_count is (validate.rules).uint32 = {gte: 1}.
        var snapshot = Run(Policy("  commonHttpProtocolOptions: { idleTimeout: 60s, maxHeadersCount: 0 }"));

        AssertJson("""
            { "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
                "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
                "commonHttpProtocolOptions": { "idleTimeout": "60s" }, "explicitHttpConfig": { "httpProtocolOptions": {} } } }
            """, Field(snapshot, Http, "typedExtensionProtocolOptions"));
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.commonHttpProtocolOptions.maxHeadersCount 0 is refused by Envoy, which needs at least 1; it is left out, so Envoy's default (100) applies");
    }

    [Fact]
    public void Http1OptionsApplyOnlyToBackendsThatDoNotSpeakHttp2()
    {
        var snapshot = Run(Policy("  http1ProtocolOptions: { enableTrailers: true, overrideStreamErrorOnInvalidHttpMessage: false }"));

        AssertJson("""{ "enableTrailers": true, "overrideStreamErrorOnInvalidHttpMessage": false }""",
            Field(snapshot, Http, "typedExtensionProtocolOptions")!["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]!["explicitHttpConfig"]!["httpProtocolOptions"]);
        AssertJson("{}", Field(snapshot, Grpc, "typedExtensionProtocolOptions")!["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]!["explicitHttpConfig"]!["http2ProtocolOptions"]);
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.http1ProtocolOptions do not apply to kube_shop_reviews_9090, whose backend speaks HTTP/2; they are ignored");
    }

    [Fact]
    public void Http2OptionsApplyOnlyToHttp2BackendsWithQuantitiesInBytes()
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Mesh + Policy("""
              http2ProtocolOptions:
                maxConcurrentStreams: 100
                initialStreamWindowSize: 64Ki
                initialConnectionWindowSize: 1048576
                overrideStreamErrorOnInvalidHttpMessage: true
                connectionKeepalive: { timeout: 5s, interval: 10s, connectionIdleInterval: 1m }
            """));

        AssertJson("""
            {
              "maxConcurrentStreams": 100, "initialStreamWindowSize": 65536, "initialConnectionWindowSize": 1048576,
              "overrideStreamErrorOnInvalidHttpMessage": true,
              "connectionKeepalive": { "timeout": "5s", "interval": "10s", "connectionIdleInterval": "60s" }
            }
            """, Field(snapshot, Grpc, "typedExtensionProtocolOptions")!["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]!["explicitHttpConfig"]!["http2ProtocolOptions"]);
        Assert.Null(Field(snapshot, Http, "typedExtensionProtocolOptions"));
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.http2ProtocolOptions do not apply to kube_shop_reviews_9080, whose backend does not speak HTTP/2; they are ignored");
    }

    [Fact]
    public void Http2WindowQuantitiesWithAFractionRoundUpAsKubernetesValueDoes()
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Mesh + Policy("""
              http2ProtocolOptions: { initialStreamWindowSize: "65534.5", initialConnectionWindowSize: 65535500m }
            """));

        AssertJson("""{ "initialStreamWindowSize": 65535, "initialConnectionWindowSize": 65536 }""",
            Field(snapshot, Grpc, "typedExtensionProtocolOptions")!["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]!["explicitHttpConfig"]!["http2ProtocolOptions"]);
    }

    [Fact]
    public void OutlierDetectionTakesTheCrdDefaultsForWhatIsUnset()
    {
        AssertJson("""{ "consecutive5xx": 5, "interval": "10s", "baseEjectionTime": "30s", "maxEjectionPercent": 10 }""", Field(Run(Policy("  outlierDetection: {}")), Http, "outlierDetection"));
        AssertJson("""{ "consecutive5xx": 3, "interval": "1s", "baseEjectionTime": "120s", "maxEjectionPercent": 50 }""",
            Field(Run(Policy("  outlierDetection: { consecutive5xx: 3, interval: 1s, baseEjectionTime: 2m, maxEjectionPercent: 50 }")), Http, "outlierDetection"));
    }

    [Fact]
    public void AHealthCheckIsOneHttpOrGrpcCheck()
    {
        AssertJson("""
            [ { "timeout": "1s", "interval": "5s", "unhealthyThreshold": 3, "healthyThreshold": 2,
                "httpHealthCheck": { "host": "health.local", "path": "/healthz", "method": "POST" } } ]
            """, Field(Run(Policy("  healthCheck: { timeout: 1s, interval: 5s, unhealthyThreshold: 3, healthyThreshold: 2, http: { path: /healthz, host: health.local, method: POST } }")), Http, "healthChecks"));
        AssertJson("""
            [ { "timeout": "1s", "interval": "5s", "unhealthyThreshold": 1, "healthyThreshold": 1,
                "grpcHealthCheck": { "serviceName": "reviews", "authority": "reviews.shop" } } ]
            """, Field(Run(Policy("  healthCheck: { timeout: 1s, interval: 5s, unhealthyThreshold: 1, healthyThreshold: 1, grpc: { serviceName: reviews, authority: reviews.shop } }")), Grpc, "healthChecks"));
    }

    [Fact]
    public void DnsSettingsApplyOnlyToDnsClusters()
    {
        var snapshot = Run(Policy("  dns: { refreshRate: 5s, jitter: 1s, respectTTL: true }", targets: "  targetRefs: [{ group: networking.istio.io, kind: Hostname, name: dns.example.com }, { group: \"\", kind: Service, name: reviews }]"));

        AssertJson("""
            { "@type": "type.googleapis.com/envoy.extensions.clusters.dns.v3.DnsCluster",
              "dnsRefreshRate": "5s", "respectDnsTtl": true, "dnsJitter": "1s", "dnsLookupFamily": "V4_PREFERRED" }
            """, Field(snapshot, Dns, "clusterType")!["typedConfig"]);
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.dns applies only to clusters that resolve through DNS; kube_shop_reviews_9080 does not, so it is ignored");
    }

    [Fact]
    public void TlsWithoutVerificationOrWithTheSystemTrustStore()
    {
        AssertJson("""
            { "name": "envoy.transport_sockets.tls", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                "commonTlsContext": { "alpnProtocols": ["h2"], "validationContext": {} }, "sni": "reviews.example.com" } }
            """, Field(Run(Policy("  tls: { insecureSkipVerify: true, sni: reviews.example.com, alpnProtocols: [h2] }")), Http, "transportSocket"));
        AssertJson("""
            { "name": "envoy.transport_sockets.tls", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                "commonTlsContext": {
                  "tlsParams": { "tlsMinimumProtocolVersion": "TLSv1_2" },
                  "combinedValidationContext": {
                    "defaultValidationContext": { "matchTypedSubjectAltNames": [ { "sanType": "DNS", "matcher": { "exact": "reviews.example.com" } } ] },
                    "validationContextSdsSecretConfig": { "name": "SYSTEM_CA_CERT" } } } } }
            """, Field(Run(Policy("  tls: { wellKnownCACertificates: System, verifySubjectAltNames: [reviews.example.com], parameters: { minVersion: \"1.2\" } }")), Http, "transportSocket"));
    }

    [Fact]
    public void TheClientCertificateChainIsEmittedReencodedAsCanonicalPem()
    {
        // §2 TLS: kgateway checks the pair, then emits the chain its parser re-encoded: text around the blocks dropped,
        // base64 in 64-character lines ending in \n, whatever line length and line ends the Secret used.
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=client", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var der = certificate.RawData;
        var written = "# the client's certificate\r\n-----BEGIN CERTIFICATE-----\r\n"
            + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks)
            + "\r\n-----END CERTIFICATE-----\r\ntrailing words\r\n";
        var base64 = Convert.ToBase64String(der);
        var expected = "-----BEGIN CERTIFICATE-----\n"
            + string.Concat(base64.Chunk(64).Select(static line => new string(line) + "\n"))
            + "-----END CERTIFICATE-----\n";
        var secret = $$"""
            apiVersion: v1
            kind: Secret
            metadata: { name: client, namespace: shop }
            data: { tls.crt: {{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(written))}}, tls.key: {{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key.ExportPkcs8PrivateKeyPem()))}} }
            ---

            """;

        var socket = Field(Run(secret + Policy("  tls: { secretRef: { name: client } }")), Http, "transportSocket");

        var tlsCertificate = socket!["typedConfig"]!["commonTlsContext"]!["tlsCertificates"]!.AsArray().Single()!;
        Assert.NotEqual(written, expected);
        Assert.Equal(expected, tlsCertificate["certificateChain"]!["inlineString"]!.GetValue<string>());
        Assert.Equal(key.ExportPkcs8PrivateKeyPem(), tlsCertificate["privateKey"]!["inlineString"]!.GetValue<string>());
    }

    [Fact]
    public void AnInvalidPolicyLeavesTheClusterOutOfTheSnapshot()
    {
        // kgateway drops the cluster of a backend whose merged policy has errors, valid policies beside it included;
        // routes to it answer 500 through their cluster_not_found_response_code (docs/spec/kgateway-backendconfigpolicy.md §4).
        var snapshot = Run(Policy("  tls: { secretRef: { name: missing } }", name: "broken") + Policy("  connectTimeout: 9s", name: "fine"));

        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name == Http);
        Assert.DoesNotContain(snapshot.Endpoints, static e => e.ClusterName == Http);
        Assert.Contains(snapshot.Warnings, static w => w.Message.Contains($"cluster {Http} is left out, so routes to it answer 500", StringComparison.Ordinal));
        var broken = XdsDocument.ToJson(snapshot)["statuses"]!["backendConfigPolicies"]!["shop/broken"]!["ancestors"]![0]!;
        AssertJson("""{ "group": "", "kind": "Service", "namespace": "shop", "name": "reviews" }""", broken["ancestorRef"]);
        Assert.Equal("kgateway.dev/kgateway", broken["controllerName"]!.GetValue<string>());
        Assert.Equal(
            ["Accepted False Invalid failed to extract TLS data: Secret shop/missing not found", "Attached False Pending "],
            broken["conditions"]!.AsArray().Select(static c => $"{c!["type"]} {c["status"]} {c["reason"]} {c["message"]}"));
    }

    [Fact]
    public void AValidPolicyIsAcceptedAndAttachedToEachBackendObject()
    {
        var snapshot = Run(Policy("  connectTimeout: 2s", targets: "  targetRefs: [{ group: \"\", kind: Service, name: reviews }, { group: networking.istio.io, kind: Hostname, name: api.example.com }]"));

        var ancestors = XdsDocument.ToJson(snapshot)["statuses"]!["backendConfigPolicies"]!["shop/p"]!["ancestors"]!.AsArray();
        Assert.Equal(["/Service/shop/reviews", "networking.istio.io/ServiceEntry/shop/api"], ancestors.Select(static a => $"{a!["ancestorRef"]!["group"]}/{a["ancestorRef"]!["kind"]}/{a["ancestorRef"]!["namespace"]}/{a["ancestorRef"]!["name"]}"));
        Assert.All(ancestors, static a => Assert.Equal(
            ["Accepted True Valid Policy accepted", "Attached True Attached Attached to all targets"],
            a!["conditions"]!.AsArray().Select(static c => $"{c!["type"]} {c["status"]} {c["reason"]} {c["message"]}")));
    }

    [Fact]
    public void NoPolicyMeansNoPolicyStatuses()
        => Assert.Null(XdsDocument.ToJson(Run(string.Empty))["statuses"]!["backendConfigPolicies"]);

    [Fact]
    public void ZoneAwareLoadBalancingForcesTrafficDistributionToAny()
    {
        var yaml = """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: near, namespace: shop, annotations: { networking.istio.io/traffic-distribution: PreferNetwork } }
            spec:
              hosts: [near.example.com]
              ports: [{ number: 80, name: http }]
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1, network: n1 }, { address: 2.2.2.2, network: n2 }]
            ---

            """;
        var client = new EngineSettings { ClientLabels = new Dictionary<string, string> { ["topology.istio.io/network"] = "n1" } };
        uint[] Priorities(string policy) => [.. Cluster(Run(yaml + policy, client), "istio-se_shop_near_near.example.com_80").LoadAssignment.Endpoints.Select(static g => g.Priority)];

        Assert.Equal([0u, 1u], Priorities(string.Empty));
        Assert.Equal([0u], Priorities(Policy("  loadBalancer: { roundRobin: { slowStart: { window: 10s } }, zoneAware: { preferLocal: { routingEnabled: 50 } } }", targets: "  targetRefs: [{ group: networking.istio.io, kind: Hostname, name: near.example.com }]")));
    }

    [Fact]
    public void PreserveHttp1HeaderCaseAddsThePreserveCaseFormatter()
    {
        var snapshot = Run(Policy("  http1ProtocolOptions: { preserveHttp1HeaderCase: true }"));

        AssertJson("""
            { "headerKeyFormat": { "statefulFormatter": {
                "name": "envoy.http.stateful_header_formatters.preserve_case",
                "typedConfig": { "@type": "type.googleapis.com/envoy.extensions.http.header_formatters.preserve_case.v3.PreserveCaseFormatterConfig" } } } }
            """, Field(snapshot, Http, "typedExtensionProtocolOptions")!["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]!["explicitHttpConfig"]!["httpProtocolOptions"]);
        Assert.DoesNotContain(snapshot.Warnings, static w => w.Message.Contains("preserveHttp1HeaderCase", StringComparison.Ordinal));
    }

    [Fact]
    public void PreserveHttp1HeaderCaseFalseAddsNoFormatter()
        => AssertJson("{}", Field(Run(Policy("  http1ProtocolOptions: { preserveHttp1HeaderCase: false }")), Http, "typedExtensionProtocolOptions")!["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]!["explicitHttpConfig"]!["httpProtocolOptions"]);

    [Fact]
    public void UpstreamProxyProtocolWrapsARawBufferWhenTheClusterHasNoSocket()
        => AssertJson("""
            { "name": "envoy.transport_sockets.upstream_proxy_protocol", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport",
                "config": { "version": "V2" },
                "transportSocket": { "name": "envoy.transport_sockets.raw_buffer",
                  "typedConfig": { "@type": "type.googleapis.com/envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer" } } } }
            """, Field(Run(Policy("  upstreamProxyProtocol: { version: V2 }")), Http, "transportSocket"));

    [Fact]
    public void UpstreamProxyProtocolWrapsThePolicysTls()
        => AssertJson("""
            { "name": "envoy.transport_sockets.upstream_proxy_protocol", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.transport_sockets.proxy_protocol.v3.ProxyProtocolUpstreamTransport",
                "config": {},
                "transportSocket": { "name": "envoy.transport_sockets.tls", "typedConfig": {
                  "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                  "commonTlsContext": { "validationContext": {} }, "sni": "reviews.example.com" } } } }
            """, Field(Run(Policy("  upstreamProxyProtocol: { version: V1 }\n  tls: { insecureSkipVerify: true, sni: reviews.example.com }")), Http, "transportSocket"));

    [Fact]
    public void ABackendTlsPolicysSocketGoesInsideTheProxyProtocolSocket()
    {
        var snapshot = Run(Policy("  upstreamProxyProtocol: { version: V1 }") + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: { name: tls, namespace: shop }
            spec:
              targetRefs: [{ group: "", kind: Service, name: reviews }]
              validation: { hostname: reviews.example.com, wellKnownCACertificates: System }
            ---

            """);

        var socket = Field(snapshot, Http, "transportSocket")!;
        Assert.Equal("envoy.transport_sockets.upstream_proxy_protocol", socket["name"]!.GetValue<string>());
        var inner = socket["typedConfig"]!["transportSocket"]!;
        Assert.Equal("envoy.transport_sockets.tls", inner["name"]!.GetValue<string>());
        Assert.Equal("reviews.example.com", inner["typedConfig"]!["sni"]!.GetValue<string>());
    }

    [Fact]
    public void AValidPolicysTlsIsMarkedOverriddenByAnErrorFreeBackendTlsPolicy()
    {
        // docs/spec/kgateway-backendconfigpolicy.md §4: valid, tls set, and an error-free BackendTLSPolicy attached to
        // the same backend: Accepted and Attached as usual, plus Overridden=True ConflictedWithBackendTLSPolicy.
        var snapshot = Run(Policy("  tls: { insecureSkipVerify: true }", name: "with-tls") + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: { name: strict, namespace: shop }
            spec:
              targetRefs: [{ group: "", kind: Service, name: reviews }]
              validation: { hostname: reviews.example.com, wellKnownCACertificates: System }
            ---

            """);

        var status = XdsDocument.ToJson(snapshot)["statuses"]!["backendConfigPolicies"]!["shop/with-tls"]!["ancestors"]![0]!;
        Assert.Equal(
            ["Accepted True Valid Policy accepted", "Attached True Attached Attached to all targets", "Overridden True ConflictedWithBackendTLSPolicy spec.tls overridden by BackendTLSPolicy shop/strict"],
            status["conditions"]!.AsArray().Select(static c => $"{c!["type"]} {c["status"]} {c["reason"]} {c["message"]}"));
    }

    [Fact]
    public void AValidPolicyWithoutTlsIsNotMarkedOverridden()
    {
        var snapshot = Run(Policy("  connectTimeout: 2s", name: "no-tls") + """
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: { name: strict, namespace: shop }
            spec:
              targetRefs: [{ group: "", kind: Service, name: reviews }]
              validation: { hostname: reviews.example.com, wellKnownCACertificates: System }
            ---

            """);

        var status = XdsDocument.ToJson(snapshot)["statuses"]!["backendConfigPolicies"]!["shop/no-tls"]!["ancestors"]![0]!;
        Assert.Equal(["Accepted", "Attached"], status["conditions"]!.AsArray().Select(static c => c!["type"]!.GetValue<string>()));
    }

    [Fact]
    public void LeastRequestReplacesCommonLbConfigAndCarriesSlowStartAndLocalityWeighting()
    {
        var snapshot = Run(Policy("""
              loadBalancer:
                healthyPanicThreshold: 40
                updateMergeWindow: 2s
                closeConnectionsOnHostSetChange: true
                leastRequest: { slowStart: { window: 30s, aggression: "1.5", minWeightPercent: 20 } }
            """, name: "lb"));

        AssertJson("""{ "healthyPanicThreshold": { "value": 40 }, "updateMergeWindow": "2s", "closeConnectionsOnHostSetChange": true }""", Field(snapshot, Http, "commonLbConfig"));
        AssertJson("""
            { "policies": [ { "typedExtensionConfig": { "name": "envoy.load_balancing_policies.least_request", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.load_balancing_policies.least_request.v3.LeastRequest",
                "choiceCount": 2,
                "slowStartConfig": { "slowStartWindow": "30s", "aggression": { "defaultValue": 1.5, "runtimeKey": "lb.shop.slowStart.aggression" }, "minWeightPercent": { "value": 20 } },
                "localityLbConfig": { "localityWeightedLbConfig": {} } } } } ] }
            """, Field(snapshot, Http, "loadBalancingPolicy"));
    }

    [Fact]
    public void RoundRobinWithZoneAwarePreferLocalTakesTheCrdDefaults()
    {
        var snapshot = Run(Policy("  loadBalancer: { roundRobin: { slowStart: { window: 10s } }, zoneAware: { preferLocal: {} } }"));

        AssertJson("{}", Field(snapshot, Http, "commonLbConfig"));
        AssertJson("""
            { "policies": [ { "typedExtensionConfig": { "name": "envoy.load_balancing_policies.round_robin", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.load_balancing_policies.round_robin.v3.RoundRobin",
                "slowStartConfig": { "slowStartWindow": "10s" },
                "localityLbConfig": { "zoneAwareLbConfig": { "routingEnabled": { "value": 100 }, "minClusterSize": "6" } } } } } ] }
            """, Field(snapshot, Http, "loadBalancingPolicy"));
    }

    [Fact]
    public void ZoneAwareForceIsTheOnlyPartLeftOutWithAWarning()
    {
        var snapshot = ServiceEntryEndpointsTests.Run(Mesh + Policy("  loadBalancer: { random: {}, zoneAware: { preferLocal: { routingEnabled: 50, minEndpointsThreshold: 3, force: { minEndpointsInZoneThreshold: 2 } } } }"));

        AssertJson("""
            { "policies": [ { "typedExtensionConfig": { "name": "envoy.load_balancing_policies.random", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.load_balancing_policies.random.v3.Random",
                "localityLbConfig": { "zoneAwareLbConfig": { "routingEnabled": { "value": 50 }, "minClusterSize": "3" } } } } } ] }
            """, Field(snapshot, Http, "loadBalancingPolicy"));
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.loadBalancer.zoneAware.preferLocal.force has no counterpart (force_local_zone) in the Envoy API RulesMesh compiles; it is ignored");
    }

    [Fact]
    public void RingHashSetsRingSizesAndLocalityWeightingOnlyWithALocalityType()
    {
        AssertJson("""
            { "policies": [ { "typedExtensionConfig": { "name": "envoy.load_balancing_policies.ring_hash", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash",
                "minimumRingSize": "1024", "maximumRingSize": "4096", "localityWeightedLbConfig": {} } } } ] }
            """, Field(Run(Policy("  loadBalancer: { localityType: WeightedLb, ringHash: { minimumRingSize: 1024, maximumRingSize: 4096 } }")), Http, "loadBalancingPolicy"));
        AssertJson("""
            { "policies": [ { "typedExtensionConfig": { "name": "envoy.load_balancing_policies.ring_hash", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash",
                "minimumRingSize": "64" } } } ] }
            """, Field(Run(Policy("  loadBalancer: { ringHash: { minimumRingSize: 64 } }")), Http, "loadBalancingPolicy"));
    }

    [Fact]
    public void RingHashHashPoliciesAreLeftOutWithAWarningAndHostnameHashingNeedsDns()
    {
        var snapshot = Run(Policy("  loadBalancer: { ringHash: { useHostnameForHashing: true, hashPolicies: [{ header: { name: x-user } }] } }"));

        AssertJson("""
            { "policies": [ { "typedExtensionConfig": { "name": "envoy.load_balancing_policies.ring_hash", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.load_balancing_policies.ring_hash.v3.RingHash",
                "consistentHashingLbConfig": {} } } } ] }
            """, Field(snapshot, Http, "loadBalancingPolicy"));
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.loadBalancer.ringHash.hashPolicies has no counterpart (consistent_hashing_lb_config.hash_policy) in the Envoy API RulesMesh compiles; it is ignored");
        Assert.Contains(snapshot.Warnings, static w => w.Message == "spec.loadBalancer.ringHash.useHostnameForHashing needs a cluster that resolves hosts by DNS name; kube_shop_reviews_9080 does not, so it is off");
    }

    [Fact]
    public void MaglevHashesByHostnameOnADnsCluster()
        => AssertJson("""
            { "policies": [ { "typedExtensionConfig": { "name": "envoy.load_balancing_policies.maglev", "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.load_balancing_policies.maglev.v3.Maglev",
                "consistentHashingLbConfig": { "useHostnameForHashing": true } } } } ] }
            """, Field(Run(Policy("  loadBalancer: { maglev: { useHostnameForHashing: true } }", targets: "  targetRefs: [{ group: networking.istio.io, kind: Hostname, name: dns.example.com }]")), Dns, "loadBalancingPolicy"));

    [Theory]
    [InlineData("  targetRefs: [{ group: networking.istio.io, kind: ServiceEntry, name: api }]\n  connectTimeout: 1s", "TargetRefs must reference either a Kubernetes Service, a Backend, or an Istio Hostname")]
    [InlineData("  targetRefs: [{ group: \"\", kind: Service, name: reviews }]\n  http1ProtocolOptions: { enableTrailers: true }\n  http2ProtocolOptions: { maxConcurrentStreams: 10 }", "at most one of the fields in [http1ProtocolOptions http2ProtocolOptions] may be set")]
    public void TheSchemaRefusesWhatKgatewaysCrdRefuses(string spec, string message)
    {
        var load = new ManifestLoader().LoadText($"apiVersion: gateway.kgateway.dev/v1alpha1\nkind: BackendConfigPolicy\nmetadata: {{ name: p, namespace: shop }}\nspec:\n{spec}\n", "policy.yaml");

        Assert.Contains(load.Diagnostics, d => d.ToString().Contains(message, StringComparison.Ordinal));
    }
}
