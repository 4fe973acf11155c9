using Envoy.Extensions.TransportSockets.Tls.V3;
using RulesMesh.Tests.Translation.Backends;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Policy.BackendPolicies;

/// <summary>kgateway.policy.backend-tls: BackendTLSPolicy → upstream TLS (golden se-hostname-ref-polattach, docs/spec/kgateway-waypoint.md §3.6).</summary>
public sealed class BackendTlsPolicyTests
{
    // A real certificate: a bundle Envoy could not load fails closed.
    private static readonly string Pem = SelfSignedCertificate();

    private static readonly string Entry = $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: api, namespace: shop }
        spec:
          hosts: [a.example.com, b.example.com]
          ports: [{ number: 80, name: http }, { number: 443, name: https }]
          resolution: STATIC
          endpoints: [{ address: 1.1.1.1 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop }
        spec: { ports: [{ name: http, port: 9080 }] }
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: ca, namespace: shop }
        data:
          ca.crt: {{System.Text.Json.JsonSerializer.Serialize(Pem)}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: { name: not-a-ca, namespace: shop }
        data:
          ca.crt: hello world
        ---

        """;

    private static string SelfSignedCertificate()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=ca", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        return certificate.ExportCertificatePem() + "\n";
    }

    private static string Policy(string target, string validation = "hostname: a.example.com\n    caCertificateRefs: [{ group: \"\", kind: ConfigMap, name: ca }]", string name = "tls", string ns = "shop", string created = "2026-01-01T00:00:00Z") => $$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: BackendTLSPolicy
        metadata: { name: {{name}}, namespace: {{ns}}, creationTimestamp: "{{created}}" }
        spec:
          targetRefs: [{{target}}]
          validation:
            {{validation}}
        ---

        """;

    private const string HostnameA = "{ group: networking.istio.io, kind: Hostname, name: a.example.com }";

    private static UpstreamTlsContext? Tls(Envoy.Config.Cluster.V3.Cluster cluster) => cluster.TransportSocket?.TypedConfig.Unpack<UpstreamTlsContext>();

    [Fact]
    public void AHostnameTargetGivesThatHostsClustersUpstreamTls()
    {
        var snapshot = Translate(Entry + Policy(HostnameA));

        AssertJson($$"""
            {
              "name": "envoy.transport_sockets.tls",
              "typedConfig": {
                "@type": "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
                "commonTlsContext": {
                  "tlsParams": {},
                  "validationContext": {
                    "matchTypedSubjectAltNames": [ { "matcher": { "exact": "a.example.com" }, "sanType": "DNS" } ],
                    "trustedCa": { "inlineString": {{System.Text.Json.JsonSerializer.Serialize(Pem)}} }
                  }
                },
                "sni": "a.example.com"
              }
            }
            """, Cluster(snapshot, "istio-se_shop_api_a.example.com_80").TransportSocket);
        Assert.NotNull(Cluster(snapshot, "istio-se_shop_api_a.example.com_443").TransportSocket);
        Assert.Null(Cluster(snapshot, "istio-se_shop_api_b.example.com_80").TransportSocket);
        Assert.Null(Cluster(snapshot, "kube_shop_reviews_9080").TransportSocket);
    }

    [Fact]
    public void AServiceEntryTargetCoversEveryHostAndASectionNameOnePort()
    {
        var snapshot = Translate(Entry + Policy("{ group: networking.istio.io, kind: ServiceEntry, name: api, sectionName: https }"));

        Assert.NotNull(Cluster(snapshot, "istio-se_shop_api_a.example.com_443").TransportSocket);
        Assert.NotNull(Cluster(snapshot, "istio-se_shop_api_b.example.com_443").TransportSocket);
        Assert.Null(Cluster(snapshot, "istio-se_shop_api_a.example.com_80").TransportSocket);
    }

    [Fact]
    public void AServiceTargetAndSubjectAltNames()
    {
        var snapshot = Translate(Entry + Policy("{ group: \"\", kind: Service, name: reviews }", """
            hostname: reviews.internal
                caCertificateRefs: [{ group: "", kind: ConfigMap, name: ca }]
                subjectAltNames: [{ type: Hostname, hostname: alt.internal }, { type: URI, uri: "spiffe://td/ns/shop/sa/reviews" }]
            """));

        var tls = Tls(Cluster(snapshot, "kube_shop_reviews_9080"))!;
        Assert.Equal("reviews.internal", tls.Sni);
        Assert.Equal(
            [(SubjectAltNameMatcher.Types.SanType.Dns, "alt.internal"), (SubjectAltNameMatcher.Types.SanType.Uri, "spiffe://td/ns/shop/sa/reviews")],
            tls.CommonTlsContext.ValidationContext.MatchTypedSubjectAltNames.Select(static m => (m.SanType, m.Matcher.Exact)));
    }

    [Fact]
    public void WellKnownSystemCertificatesUseTheSystemBundle()
    {
        var snapshot = Translate(Entry + Policy(HostnameA, "hostname: a.example.com\n    wellKnownCACertificates: System"));

        Assert.Equal("/etc/ssl/certs/ca-certificates.crt", Tls(Cluster(snapshot, "istio-se_shop_api_a.example.com_80"))!.CommonTlsContext.ValidationContext.TrustedCa.Filename);
    }

    [Fact]
    public void APolicyInAnotherNamespaceDoesNotApply()
        => Assert.Null(Cluster(Translate(Entry + Policy(HostnameA, ns: "other")), "istio-se_shop_api_a.example.com_80").TransportSocket);

    [Fact]
    public void APortSpecificPolicyBeatsAnOlderWholePolicyAndOtherwiseTheOldestWins()
    {
        var snapshot = Translate(Entry
            + Policy(HostnameA, "hostname: old\n    wellKnownCACertificates: System", name: "old", created: "2025-01-01T00:00:00Z")
            + Policy("{ group: networking.istio.io, kind: ServiceEntry, name: api, sectionName: https }", "hostname: port\n    wellKnownCACertificates: System", name: "port")
            + Policy(HostnameA, "hostname: new\n    wellKnownCACertificates: System", name: "new", created: "2027-01-01T00:00:00Z"));

        Assert.Equal("old", Tls(Cluster(snapshot, "istio-se_shop_api_a.example.com_80"))!.Sni);
        Assert.Equal("port", Tls(Cluster(snapshot, "istio-se_shop_api_a.example.com_443"))!.Sni);
    }

    [Fact]
    public void AnUnresolvableCaFailsClosedWithAWarning()
    {
        var snapshot = Translate(Entry + Policy(HostnameA, "hostname: a.example.com\n    caCertificateRefs: [{ group: \"\", kind: ConfigMap, name: missing }]"));

        var cluster = Cluster(snapshot, "istio-se_shop_api_a.example.com_80");
        Assert.Null(cluster.TransportSocket);
        Assert.Empty(cluster.LoadAssignment.Endpoints);
        var warning = Assert.Single(snapshot.Warnings, static w => w.Subject == "BackendTLSPolicy shop/tls" && w.Message.Contains("istio-se_shop_api_a.example.com_80", StringComparison.Ordinal));
        Assert.StartsWith("validation.caCertificateRefs names ConfigMap shop/missing, which does not exist or has no 'ca.crt'", warning.Message, StringComparison.Ordinal);
        Assert.NotEmpty(Cluster(snapshot, "istio-se_shop_api_b.example.com_80").LoadAssignment.Endpoints);
    }

    [Fact]
    public void A_CA_bundle_that_holds_no_certificate_fails_closed_with_a_warning()
    {
        var snapshot = Translate(Entry + Policy(HostnameA, "hostname: a.example.com\n    caCertificateRefs: [{ group: \"\", kind: ConfigMap, name: not-a-ca }]"));

        var cluster = Cluster(snapshot, "istio-se_shop_api_a.example.com_80");
        Assert.Null(cluster.TransportSocket);
        Assert.Empty(cluster.LoadAssignment.Endpoints);
        var warning = Assert.Single(snapshot.Warnings, static w => w.Subject == "BackendTLSPolicy shop/tls" && w.Message.Contains("istio-se_shop_api_a.example.com_80", StringComparison.Ordinal));
        Assert.StartsWith("validation.caCertificateRefs names ConfigMap shop/not-a-ca, whose 'ca.crt' is not a CA certificate bundle (data does not contain any valid RSA or ECDSA certificates)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_cluster_that_routes_without_endpoints_becomes_a_static_cluster_with_none()
    {
        // istio profile: a headless Service's inbound-vip cluster is ORIGINAL_DST, which would still carry plaintext
        // traffic with its (absent) endpoint list emptied.
        var snapshot = Translate(Istio.IstioWaypointHarness.Waypoint + """
            apiVersion: v1
            kind: Service
            metadata: { name: reviews, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
            spec: { clusterIP: None, ports: [{ name: http, port: 9080 }] }
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: BackendTLSPolicy
            metadata: { name: tls, namespace: shop }
            spec:
              targetRefs: [{ group: "", kind: Service, name: reviews }]
              validation: { hostname: reviews.example.com, caCertificateRefs: [{ group: "", kind: ConfigMap, name: missing }] }
            """, "istio");

        var closed = snapshot.Clusters.Where(static c => c.Name.Contains("reviews.shop.svc.cluster.local", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(closed);
        Assert.All(closed, static c =>
        {
            Assert.Equal(Envoy.Config.Cluster.V3.Cluster.ClusterDiscoveryTypeOneofCase.Type, c.ClusterDiscoveryTypeCase);
            Assert.Equal(Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Static, c.Type);
            Assert.Null(c.OriginalDstLbConfig);
            Assert.NotEqual(Envoy.Config.Cluster.V3.Cluster.Types.LbPolicy.ClusterProvided, c.LbPolicy);
            Assert.Empty(c.LoadAssignment.Endpoints);
        });
    }

    [Fact]
    public void AnEdsClusterGetsTlsAndAnUnresolvableCaEmptiesItsEndpoints()
    {
        var yaml = ServiceEntryEndpointsTests.Entry(name: "api", hosts: "[a.example.com]") + ServiceEntryEndpointsTests.Pod("pod", "10.0.0.1")
            + """
            apiVersion: v1
            kind: Node
            metadata: { name: node-a }
            ---

            """;

        var good = ServiceEntryEndpointsTests.Run(yaml + Policy(HostnameA, "hostname: a.example.com\n    wellKnownCACertificates: System"));
        Assert.NotNull(Cluster(good, "istio-se_shop_api_a.example.com_80").TransportSocket);
        Assert.NotEmpty(Endpoints(good, "istio-se_shop_api_a.example.com_80").Endpoints);

        var bad = ServiceEntryEndpointsTests.Run(yaml + Policy(HostnameA, "hostname: a.example.com\n    caCertificateRefs: [{ group: \"\", kind: Secret, name: ca }]"));
        Assert.Empty(Endpoints(bad, "istio-se_shop_api_a.example.com_80").Endpoints);
        Assert.Contains(bad.Warnings, static w => w.Message.StartsWith("validation.caCertificateRefs names Secret ca, but only core ConfigMaps are supported", StringComparison.Ordinal));
    }
}
