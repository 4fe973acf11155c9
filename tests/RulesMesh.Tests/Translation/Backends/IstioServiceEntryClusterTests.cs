using RulesMesh.Translation.Backends;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>The istio profile's ServiceEntry clusters (docs/spec/istio-gatewayapi.md §4.2), replacing kgateway's.</summary>
public sealed class IstioServiceEntryClusterTests
{
    private static string Entry(string name, string spec) => $"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: {'{'} name: {name}, namespace: shop {'}'}
        spec:
        {spec}
        ---

        """;

    // istiod's HostnameAndNamespace[host][ns] holds one service: the Service named by the host over any entry.
    [Fact]
    public void AnEntryClaimingTheHostOfAServiceOfItsNamespaceHasNoBackendForIt()
    {
        var context = Context("""
            apiVersion: v1
            kind: Service
            metadata: { name: api, namespace: shop }
            spec: { clusterIP: 10.0.0.1, ports: [{ port: 80, name: http }] }
            ---

            """ + Entry("squatter", """
              hosts: [api.shop.svc.cluster.local, other.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: STATIC
              endpoints: [{ address: 9.9.9.9 }]
            """), "istio");

        var claim = Assert.Single(BackendIndex.For(context).ForHost("api.shop.svc.cluster.local"));
        Assert.Equal("Service", claim.Key.Kind);
        Assert.Equal("squatter", Assert.Single(BackendIndex.For(context).ForHost("other.example.com")).Service.Name);
    }

    // ...then the oldest entry, whatever the names: the engine would otherwise serve the smaller name's cluster.
    [Fact]
    public void OfTwoEntriesClaimingOneHostInANamespaceOnlyTheOldestHasABackendForIt()
    {
        var context = Context(
            Entry("alpha", """
              hosts: [api.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
            """).Replace("name: alpha,", "name: alpha, creationTimestamp: '2026-06-01T00:00:00Z',", StringComparison.Ordinal)
            + Entry("zeta", """
              hosts: [api.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: STATIC
              endpoints: [{ address: 9.9.9.9 }]
            """).Replace("name: zeta,", "name: zeta, creationTimestamp: '2026-01-01T00:00:00Z',", StringComparison.Ordinal), "istio");

        Assert.Equal("zeta", Assert.Single(BackendIndex.For(context).ForHost("api.example.com")).Service.Name);
    }

    [Fact]
    public void OfTwoEntriesOfOneAgeClaimingOneHostTheSmallerNameHasTheBackend()
    {
        var context = Context(
            Entry("zeta", """
              hosts: [api.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
            """) + Entry("alpha", """
              hosts: [api.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
            """), "istio");

        Assert.Equal("alpha", Assert.Single(BackendIndex.For(context).ForHost("api.example.com")).Service.Name);
    }

    // HostnameAndNamespace is per namespace: a Service of another namespace is no claim in the entry's.
    [Fact]
    public void AnEntryClaimingTheHostOfAServiceOfAnotherNamespaceKeepsItsBackend()
    {
        var context = Context("""
            apiVersion: v1
            kind: Service
            metadata: { name: api, namespace: other }
            spec: { clusterIP: 10.0.0.1, ports: [{ port: 80, name: http }] }
            ---

            """ + Entry("mirror", """
              hosts: [api.other.svc.cluster.local]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
            """), "istio");

        Assert.Equal(["Service other/api", "ServiceEntry shop/mirror"], BackendIndex.For(context).ForHost("api.other.svc.cluster.local").Select(static b => $"{b.Key.Kind} {b.Service.Namespace}/{b.Service.Name}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EntriesClaimingOneHostInDifferentNamespacesEachKeepTheirBackend()
    {
        var context = Context(
            Entry("a", """
              hosts: [api.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
            """) + Entry("b", """
              hosts: [api.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
            """).Replace("namespace: shop", "namespace: other", StringComparison.Ordinal), "istio");

        Assert.Equal(["other", "shop"], BackendIndex.For(context).ForHost("api.example.com").Select(static b => b.Service.Namespace).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StaticWithInlineEndpointsIsEdsWithTheEndpointsOverEds()
    {
        var snapshot = IstioBackends(Entry("inline", """
              hosts: [api.example.com]
              ports: [{ number: 80, name: http, targetPort: 8080 }]
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1, locality: r1/z1 }]
            """));

        AssertJson("""
            {
              "connectTimeout": "5s",
              "edsClusterConfig": {
                "edsConfig": { "ads": {}, "initialFetchTimeout": "0s", "resourceApiVersion": "V3" },
                "serviceName": "outbound|80||api.example.com"
              },
              "name": "outbound|80||api.example.com",
              "type": "EDS"
            }
            """, Cluster(snapshot, "outbound|80||api.example.com"));
        AssertJson("""
            {
              "clusterName": "outbound|80||api.example.com",
              "endpoints": [ {
                "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "1.1.1.1", "portValue": 8080 } } }, "loadBalancingWeight": 1 } ],
                "loadBalancingWeight": 1,
                "locality": { "region": "r1", "zone": "z1" }
              } ]
            }
            """, Endpoints(snapshot, "outbound|80||api.example.com"));
    }

    [Fact]
    public void StaticWithAWorkloadSelectorIsEdsWithTheSelectedWorkloads()
    {
        var yaml = ServiceEntryEndpointsTests.Entry(name: "api", hosts: "[api.example.com]") + ServiceEntryEndpointsTests.Pod("pod", "10.0.0.1");
        var snapshot = IstioBackends(yaml);

        Assert.Equal(Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Eds, Cluster(snapshot, "outbound|80||api.example.com").Type);
        Assert.Equal("10.0.0.1", Endpoints(snapshot, "outbound|80||api.example.com").Endpoints.Single().LbEndpoints.Single().Endpoint.Address.SocketAddress.Address);
    }

    [Fact]
    public void DnsIsStrictDnsWithEachHostItsOwnEndpoint()
    {
        var snapshot = IstioBackends(Entry("dns", """
              hosts: [a.example.com, b.example.com]
              ports: [{ number: 80, name: http, protocol: HTTP }]
              resolution: DNS
            """));

        AssertJson("""
            {
              "connectTimeout": "5s",
              "dnsLookupFamily": "V4_ONLY",
              "dnsRefreshRate": "60s",
              "loadAssignment": {
                "clusterName": "outbound|80||b.example.com",
                "endpoints": [ {
                  "lbEndpoints": [ { "endpoint": { "address": { "socketAddress": { "address": "b.example.com", "portValue": 80 } } }, "loadBalancingWeight": 1 } ],
                  "loadBalancingWeight": 1
                } ]
              },
              "name": "outbound|80||b.example.com",
              "respectDnsTtl": true,
              "type": "STRICT_DNS"
            }
            """, Cluster(snapshot, "outbound|80||b.example.com"));
        Assert.Empty(snapshot.Endpoints);
    }

    [Fact]
    public void DnsRoundRobinIsLogicalDns()
    {
        var snapshot = IstioBackends(Entry("rr", """
              hosts: [api.example.com]
              ports: [{ number: 443, name: tls, protocol: TLS }]
              resolution: DNS_ROUND_ROBIN
              endpoints: [{ address: lb.example.com }]
            """));

        var cluster = Cluster(snapshot, "outbound|443||api.example.com");
        Assert.Equal(Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.LogicalDns, cluster.Type);
        Assert.Equal("lb.example.com", cluster.LoadAssignment.Endpoints.Single().LbEndpoints.Single().Endpoint.Address.SocketAddress.Address);
    }

    [Fact]
    public void NoneIsOriginalDstWithTheTargetPortAsUpstreamPortOverride()
    {
        var snapshot = IstioBackends(Entry("passthrough", """
              hosts: [api.example.com]
              addresses: [10.9.0.0/16]
              ports: [{ number: 80, name: http, protocol: HTTP }, { number: 443, name: tls, protocol: TLS, targetPort: 8443 }]
              resolution: NONE
            """));

        AssertJson("""
            { "connectTimeout": "5s", "lbPolicy": "CLUSTER_PROVIDED", "name": "outbound|80||api.example.com", "type": "ORIGINAL_DST" }
            """, Cluster(snapshot, "outbound|80||api.example.com"));
        Assert.Equal(8443u, Cluster(snapshot, "outbound|443||api.example.com").OriginalDstLbConfig.UpstreamPortOverride);
        Assert.Empty(snapshot.Endpoints);
    }

    [Fact]
    public void TheKgatewayProfileKeepsItsOwnTypes()
    {
        var yaml = Entry("none", """
              hosts: [none.example.com]
              ports: [{ number: 80, name: http }]
              resolution: NONE
            """) + Entry("inline", """
              hosts: [inline.example.com]
              ports: [{ number: 80, name: http }]
              resolution: STATIC
              endpoints: [{ address: 1.1.1.1 }]
            """);

        var snapshot = Translate(yaml);
        Assert.Equal(["istio-se_shop_inline_inline.example.com_80"], snapshot.Clusters.Select(static c => c.Name));
        Assert.Equal(Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Static, snapshot.Clusters[0].Type);
    }

    [Fact]
    public void TheIstioRulesReplaceTheKgatewayOnesInTheIstioProfileOnly()
    {
        var istio = WaypointPipelines.Create("istio").Rules.Select(static r => r.Name).ToHashSet(StringComparer.Ordinal);
        var kgateway = WaypointPipelines.Create("kgateway").Rules.Select(static r => r.Name).ToHashSet(StringComparer.Ordinal);
        string[] replaced = ["kgateway.backends.serviceentry", "kgateway.backends.serviceentry-eds-cluster", "kgateway.backends.serviceentry-static-cluster", "kgateway.backends.serviceentry-dns-cluster", "kgateway.backends.serviceentry-endpoints"];
        string[] added = ["istio.backends.serviceentry", "istio.backends.serviceentry-eds-cluster", "istio.backends.serviceentry-static-cluster", "istio.backends.serviceentry-dns-cluster", "istio.backends.serviceentry-passthrough-cluster", "istio.backends.serviceentry-inline-endpoints", "istio.backends.serviceentry-endpoints"];

        Assert.All(replaced, name => Assert.DoesNotContain(name, istio));
        Assert.All(replaced, name => Assert.Contains(name, kgateway));
        Assert.All(added, name => Assert.Contains(name, istio));
        Assert.All(added, name => Assert.DoesNotContain(name, kgateway));
    }
}
