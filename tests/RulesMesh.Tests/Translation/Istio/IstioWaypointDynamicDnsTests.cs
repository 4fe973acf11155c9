using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;
using ClusterConfig = Envoy.Extensions.Clusters.DynamicForwardProxy.V3.ClusterConfig;
using EnvoyCluster = Envoy.Config.Cluster.V3.Cluster;
using FilterConfig = Envoy.Extensions.Filters.Http.DynamicForwardProxy.V3.FilterConfig;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// DYNAMIC_DNS ServiceEntries in the istio profile (docs/spec/istio-waypoint-output.md §2.2, §3, §4.2, §5): MESH_INTERNAL
/// ones are dropped; a MESH_EXTERNAL one keeps only its HTTP ports, each with a dynamic forward proxy cluster over the
/// DNS cache <c>&lt;host&gt;_dfp_dns_cache</c>, the dynamic forward proxy HTTP filter and a vhost matching only its host.
/// Expected values are written from the spec.
/// </summary>
public sealed class IstioWaypointDynamicDnsTests
{
    private const string HttpChain = "inbound-vip|80|http|*.example.com";

    private static string Entry(string location) => $$"""
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: wildcard, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
        spec:
          hosts: ["*.example.com"]
          location: {{location}}
          resolution: DYNAMIC_DNS
          ports: [{ number: 80, name: http, protocol: HTTP }, { number: 443, name: tls, protocol: TLS }, { number: 5432, name: tcp, protocol: TCP }]
        status:
          addresses: [{ host: "*.example.com", value: 240.240.0.5 }]
        ---

        """;

    [Fact]
    public void AMeshExternalEntryGetsOnlyItsHttpPortAsADynamicForwardProxyCluster()
    {
        var snapshot = TranslateIstio(Waypoint + Entry("MESH_EXTERNAL"));

        Assert.Equal([HttpChain, "direct-tcp", "direct-http"], ChainNames(snapshot));
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name.EndsWith("|*.example.com", StringComparison.Ordinal) && c.Name != HttpChain);
        var cluster = Cluster(snapshot, HttpChain);
        Assert.Equal("envoy.clusters.dynamic_forward_proxy", cluster.ClusterType.Name);
        Assert.Equal("*.example.com_dfp_dns_cache", cluster.ClusterType.TypedConfig.Unpack<ClusterConfig>().DnsCacheConfig.Name);
        Assert.Equal(EnvoyCluster.Types.LbPolicy.ClusterProvided, cluster.LbPolicy);
        Assert.DoesNotContain(snapshot.Endpoints, static e => e.ClusterName == HttpChain);
    }

    [Fact]
    public void ItsHttpChainHasTheDynamicForwardProxyFilterAfterCorsAndAVhostForItsHostOnly()
    {
        var snapshot = TranslateIstio(Waypoint + Entry("MESH_EXTERNAL"));

        var manager = Manager(Chain(snapshot, HttpChain));
        Assert.Equal(
            ["envoy.filters.http.grpc_stats", "envoy.filters.http.fault", "envoy.filters.http.cors", "envoy.filters.http.dynamic_forward_proxy", "waypoint_upstream_peer_metadata", "istio.stats", "envoy.filters.http.router"],
            manager.HttpFilters.Select(static f => f.Name));
        var proxy = manager.HttpFilters.Single(static f => f.Name == "envoy.filters.http.dynamic_forward_proxy").TypedConfig.Unpack<FilterConfig>();
        Assert.Equal("*.example.com_dfp_dns_cache", proxy.DnsCacheConfig.Name);
        var host = manager.RouteConfig.VirtualHosts.Single();
        Assert.Equal("inbound|http|80", host.Name);
        Assert.Equal(["*.example.com"], host.Domains);
        Assert.Equal(HttpChain, host.Routes.Single().Route_.Cluster);
    }

    [Fact]
    public void AMeshInternalEntryIsDroppedWithAWarning()
    {
        var snapshot = TranslateIstio(Waypoint + Entry("MESH_INTERNAL"));

        Assert.Equal(["direct-tcp", "direct-http"], ChainNames(snapshot));
        Assert.DoesNotContain(snapshot.Clusters, static c => c.Name.EndsWith("|*.example.com", StringComparison.Ordinal));
        // istio-gatewayapi.md §6.4: "MESH_INTERNAL + DYNAMIC_DNS services are skipped with a warning".
        Assert.Contains(snapshot.Warnings, static w => w.Subject == "ServiceEntry shop/wildcard" && w.Message.Contains("DYNAMIC_DNS with location MESH_INTERNAL", StringComparison.Ordinal));
    }

    [Fact]
    public void ADynamicForwardProxyClusterWithHttpProtocolOptionsKeepsAutoSniAndAutoSanValidation()
    {
        // Envoy refuses a dynamic_forward_proxy cluster whose upstream HTTP options do not turn on auto_sni and
        // auto_san_validation ("... must have auto_sni and auto_san_validation true unless allow_insecure_cluster_options
        // is set"); a gRPC port (HTTP/2) and a DestinationRule's idle timeout both give the cluster such options.
        var snapshot = TranslateIstio(Waypoint + """
            apiVersion: networking.istio.io/v1
            kind: ServiceEntry
            metadata: { name: wildcard, namespace: shop, labels: { istio.io/use-waypoint: waypoint } }
            spec:
              hosts: ["*.example.com"]
              location: MESH_EXTERNAL
              resolution: DYNAMIC_DNS
              ports: [{ number: 80, name: http, protocol: HTTP }, { number: 8443, name: grpc, protocol: GRPC }]
            ---
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: { name: wildcard, namespace: shop }
            spec:
              host: "*.example.com"
              trafficPolicy:
                portLevelSettings: [{ port: { number: 80 }, connectionPool: { http: { idleTimeout: 30s } } }]
            ---

            """);

        foreach (var name in new[] { HttpChain, "inbound-vip|8443|http|*.example.com" })
        {
            var options = Cluster(snapshot, name).TypedExtensionProtocolOptions["envoy.extensions.upstreams.http.v3.HttpProtocolOptions"]
                .Unpack<Envoy.Extensions.Upstreams.Http.V3.HttpProtocolOptions>();
            Assert.True(options.UpstreamHttpProtocolOptions.AutoSni, name);
            Assert.True(options.UpstreamHttpProtocolOptions.AutoSanValidation, name);
        }
    }
}
