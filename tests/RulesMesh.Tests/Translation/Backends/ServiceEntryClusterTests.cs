using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>kgateway.backends.serviceentry and the ServiceEntry cluster rules (docs/spec/kgateway-waypoint.md §3.2, §3.3, §3.4, §9.1, §9.4).</summary>
public sealed class ServiceEntryClusterTests
{
    private static string Entry(string name, string spec, string ns = "infra", string apiVersion = "networking.istio.io/v1", string annotations = "{}") => $"""
        apiVersion: {apiVersion}
        kind: ServiceEntry
        metadata:
          name: {name}
          namespace: {ns}
          annotations: {annotations}
        spec:
        {spec}
        ---

        """;

    [Fact]
    public void ResolutionNoneHasNoClusters()
    {
        var snapshot = Translate(Entry("passthrough", """
              hosts: [a.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: NONE
            """) + Entry("unset", """
              hosts: [b.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
            """));

        Assert.Empty(snapshot.Clusters);
    }

    [Fact]
    public void OneClusterPerHostAndPortNamedIstioSe()
    {
        var snapshot = Translate(Entry("multi", """
              hosts: [b.example.com, a.example.com]
              ports:
              - { number: 80, name: http, protocol: HTTP }
              - { number: 443, name: tls, protocol: TLS }
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1 }]
            """));

        Assert.Equal(
            ["istio-se_infra_multi_a.example.com_443", "istio-se_infra_multi_a.example.com_80", "istio-se_infra_multi_b.example.com_443", "istio-se_infra_multi_b.example.com_80"],
            snapshot.Clusters.Select(static c => c.Name));
    }

    [Fact]
    public void AStaticEntryWithAWorkloadSelectorIsEdsWithLocalityWeighting()
    {
        var snapshot = Translate(Entry("selected", """
              hosts: [se.example.com]
              ports: [{ number: 5000, name: http, protocol: HTTP }]
              location: MESH_INTERNAL
              resolution: STATIC
              workloadSelector: { labels: { app: reviews } }
            """));

        AssertJson("""
            {
              "commonLbConfig": { "localityWeightedLbConfig": {} },
              "connectTimeout": "5s",
              "edsClusterConfig": { "edsConfig": { "ads": {}, "resourceApiVersion": "V3" } },
              "name": "istio-se_infra_selected_se.example.com_5000",
              "type": "EDS"
            }
            """, Cluster(snapshot, "istio-se_infra_selected_se.example.com_5000"));
    }

    [Fact]
    public void AnEmptyWorkloadSelectorDoesNotMakeItEds()
    {
        var snapshot = Translate(Entry("empty-selector", """
              hosts: [se.example.com]
              ports: [{ number: 80, name: http }]
              resolution: STATIC
              workloadSelector: { labels: {} }
            """));

        AssertJson("""
            {
              "connectTimeout": "5s",
              "loadAssignment": { "clusterName": "istio-se_infra_empty-selector_se.example.com_80" },
              "name": "istio-se_infra_empty-selector_se.example.com_80",
              "type": "STATIC"
            }
            """, Cluster(snapshot, "istio-se_infra_empty-selector_se.example.com_80"));
    }

    [Fact]
    public void AStaticEntryInlinesItsEndpointsGroupedByLocality()
    {
        var snapshot = Translate(Entry("inline", """
              hosts: [se.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP, targetPort: 8080 }]
              resolution: STATIC
              endpoints:
              - { address: 3.3.3.3, locality: r2/r2z1/r2z1s1 }
              - { address: 1.1.1.1, locality: r1/r1z2/r1z2s4, weight: 3 }
              - { address: 4.4.4.4 }
              - { address: 2.2.2.2, locality: r1/r1z2/r1z2s4, ports: { http: 9999 } }
              - address: 5.5.5.5
                labels: { topology.kubernetes.io/region: r0, topology.kubernetes.io/zone: z0 }
            """));

        AssertJson("""
            {
              "connectTimeout": "5s",
              "loadAssignment": {
                "clusterName": "istio-se_infra_inline_se.example.com_80",
                "endpoints": [
                  {
                    "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "4.4.4.4", "portValue": 8080 } } }, "loadBalancingWeight": 1 } ],
                    "loadBalancingWeight": 1
                  },
                  {
                    "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "5.5.5.5", "portValue": 8080 } } }, "loadBalancingWeight": 1 } ],
                    "loadBalancingWeight": 1,
                    "locality": { "region": "r0", "zone": "z0" }
                  },
                  {
                    "lbEndpoints": [
                      { "endpoint": { "address": { "socketAddress": { "address": "1.1.1.1", "portValue": 8080 } } }, "loadBalancingWeight": 3 },
                      { "endpoint": { "address": { "socketAddress": { "address": "2.2.2.2", "portValue": 9999 } } }, "loadBalancingWeight": 1 }
                    ],
                    "loadBalancingWeight": 4,
                    "locality": { "region": "r1", "zone": "r1z2", "subZone": "r1z2s4" }
                  },
                  {
                    "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "3.3.3.3", "portValue": 8080 } } }, "loadBalancingWeight": 1 } ],
                    "loadBalancingWeight": 1,
                    "locality": { "region": "r2", "zone": "r2z1", "subZone": "r2z1s1" }
                  }
                ]
              },
              "name": "istio-se_infra_inline_se.example.com_80",
              "type": "STATIC"
            }
            """, Cluster(snapshot, "istio-se_infra_inline_se.example.com_80"));
    }

    [Fact]
    public void EachPortMapsTheEndpointPortByName()
    {
        var snapshot = Translate(Entry("ports", """
              hosts: [se.example.com]
              ports:
              - { number: 80, name: http, protocol: HTTP }
              - { number: 443, name: https, protocol: HTTPS, targetPort: 18443 }
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1, ports: { http: 8080 } }]
            """));

        Assert.Equal(8080u, Cluster(snapshot, "istio-se_infra_ports_se.example.com_80").LoadAssignment.Endpoints[0].LbEndpoints[0].Endpoint.Address.SocketAddress.PortValue);
        Assert.Equal(18443u, Cluster(snapshot, "istio-se_infra_ports_se.example.com_443").LoadAssignment.Endpoints[0].LbEndpoints[0].Endpoint.Address.SocketAddress.PortValue);
    }

    [Fact]
    public void AStaticEndpointThatIsNotAnIpIsDroppedWithAWarning()
    {
        var snapshot = Translate(Entry("bad", """
              hosts: [a.example.com, b.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: STATIC
              endpoints:
              - { address: 1.1.1.1 }
              - { address: backend.example.com }
              - { address: 1.2.3 }
              - { network: remote }
            """));

        var endpoints = Cluster(snapshot, "istio-se_infra_bad_a.example.com_80").LoadAssignment.Endpoints;
        Assert.Equal(["1.1.1.1"], endpoints.SelectMany(static g => g.LbEndpoints).Select(static e => e.Endpoint.Address.SocketAddress.Address));
        var warnings = snapshot.Warnings.Where(static w => w.Subject == "ServiceEntry infra/bad").Select(static w => w.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("spec.endpoints[1].address 'backend.example.com' is not an IP address, which resolution STATIC requires; the endpoint is dropped", warnings);
        Assert.Contains("spec.endpoints[2].address '1.2.3' is not an IP address, which resolution STATIC requires; the endpoint is dropped", warnings);
    }

    [Fact]
    public void ADnsEntryUsesTheDnsClusterExtensionWithItsInlineEndpoints()
    {
        var snapshot = Translate(Entry("dns", """
              hosts: [se.example.com]
              ports: [{ number: 80, name: http, protocol: TCP }]
              resolution: DNS
              endpoints:
              - { address: foo.external.com, locality: r1/r1z2/r1z2s4 }
              - { address: 1.1.1.1, locality: r2/r2z1/r2z1s1 }
            """));

        AssertJson("""
            {
              "clusterType": {
                "name": "envoy.clusters.dns",
                "typedConfig": { "@type": "type.googleapis.com/envoy.extensions.clusters.dns.v3.DnsCluster", "dnsLookupFamily": "V4_PREFERRED" }
              },
              "connectTimeout": "5s",
              "loadAssignment": {
                "clusterName": "istio-se_infra_dns_se.example.com_80",
                "endpoints": [
                  {
                    "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "foo.external.com", "portValue": 80 } } }, "loadBalancingWeight": 1 } ],
                    "loadBalancingWeight": 1,
                    "locality": { "region": "r1", "subZone": "r1z2s4", "zone": "r1z2" }
                  },
                  {
                    "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "1.1.1.1", "portValue": 80 } } }, "loadBalancingWeight": 1 } ],
                    "loadBalancingWeight": 1,
                    "locality": { "region": "r2", "subZone": "r2z1s1", "zone": "r2z1" }
                  }
                ]
              },
              "name": "istio-se_infra_dns_se.example.com_80"
            }
            """, Cluster(snapshot, "istio-se_infra_dns_se.example.com_80"));
    }

    [Fact]
    public void DnsRoundRobinPutsAllAddressesInOneEndpoint()
    {
        var snapshot = Translate(Entry("rr", """
              hosts: [se.example.com]
              ports: [{ number: 80, name: http }]
              resolution: DNS_ROUND_ROBIN
              endpoints: [{ address: lb.example.com }]
            """));

        AssertJson("""
            { "@type": "type.googleapis.com/envoy.extensions.clusters.dns.v3.DnsCluster", "dnsLookupFamily": "V4_PREFERRED", "allAddressesInSingleEndpoint": true }
            """, Json(Cluster(snapshot, "istio-se_infra_rr_se.example.com_80"))["clusterType"]!["typedConfig"]);
    }

    [Fact]
    public void DnsWithoutEndpointsResolvesEachHostInItsOwnClusterOnly()
    {
        var snapshot = Translate(Entry("hosts", """
              hosts: [a.example.com, b.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP, targetPort: 8080 }]
              resolution: DNS
            """));

        foreach (var host in new[] { "a.example.com", "b.example.com" })
        {
            var endpoint = Assert.Single(Assert.Single(Cluster(snapshot, $"istio-se_infra_hosts_{host}_80").LoadAssignment.Endpoints).LbEndpoints);
            Assert.Equal(host, endpoint.Endpoint.Address.SocketAddress.Address);
            Assert.Equal(8080u, endpoint.Endpoint.Address.SocketAddress.PortValue);
        }
    }

    [Theory]
    [InlineData("HTTP2", true)]
    [InlineData("GRPC", true)]
    [InlineData("grpc-web", true)]
    [InlineData("HTTP", false)]
    [InlineData("TCP", false)]
    public void AnHttp2ProtocolAddsExplicitHttp2UpstreamOptions(string protocol, bool http2)
    {
        var snapshot = Translate(Entry("proto", $$"""
              hosts: [se.example.com]
              ports: [{ number: 80, name: p, protocol: {{protocol}} }]
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1 }]
            """));

        Assert.Equal(http2, Cluster(snapshot, "istio-se_infra_proto_se.example.com_80").TypedExtensionProtocolOptions.ContainsKey("envoy.extensions.upstreams.http.v3.HttpProtocolOptions"));
    }

    [Fact]
    public void ATrafficDistributionPreferenceTurnsOnLocalityWeighting()
    {
        var snapshot = Translate(Entry("close", """
              hosts: [se.example.com]
              ports: [{ number: 80, name: http }]
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1 }]
            """, annotations: "{ networking.istio.io/traffic-distribution: PreferClose }") + Entry("any", """
              hosts: [se.example.com]
              ports: [{ number: 80, name: http }]
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1 }]
            """, annotations: "{ networking.istio.io/traffic-distribution: Any }"));

        Assert.NotNull(Cluster(snapshot, "istio-se_infra_close_se.example.com_80").CommonLbConfig?.LocalityWeightedLbConfig);
        Assert.Null(Cluster(snapshot, "istio-se_infra_any_se.example.com_80").CommonLbConfig);
    }

    [Theory]
    [InlineData("networking.istio.io/v1beta1")]
    [InlineData("networking.istio.io/v1alpha3")]
    public void OlderServedVersionsGiveTheSameClusters(string apiVersion)
    {
        const string Spec = """
              hosts: [se.example.com]
              ports: [{ number: 80, name: http }]
              resolution: DNS
            """;
        var v1 = Cluster(Translate(Entry("old", Spec)), "istio-se_infra_old_se.example.com_80");
        var older = Cluster(Translate(Entry("old", Spec, apiVersion: apiVersion)), "istio-se_infra_old_se.example.com_80");

        Assert.Equal(v1, older);
    }

    [Fact]
    public void TheIstioProfileNamesServiceEntryClustersOutboundPortHost()
    {
        var snapshot = IstioBackends(Entry("multi", """
              hosts: [a.example.com, b.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
            """));

        Assert.Equal(["outbound|80||a.example.com", "outbound|80||b.example.com"], snapshot.Clusters.Select(static c => c.Name));
        Assert.Equal("outbound|80||a.example.com", Cluster(snapshot, "outbound|80||a.example.com").LoadAssignment.ClusterName);
    }

    [Fact]
    public void AStaticEntryWithoutEndpointsHasAnEmptyAssignment()
    {
        var cluster = Cluster(Translate(Entry("none", """
              hosts: [se.example.com]
              ports: [{ number: 80, name: http }]
              resolution: STATIC
            """)), "istio-se_infra_none_se.example.com_80");

        Assert.Equal(Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Static, cluster.Type);
        Assert.Empty(cluster.LoadAssignment.Endpoints);
    }
}
