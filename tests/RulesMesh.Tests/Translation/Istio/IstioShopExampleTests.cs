using EnvoyCluster = Envoy.Config.Cluster.V3.Cluster;
using Envoy.Extensions.Filters.Listener.HttpInspector.V3;
using static RulesMesh.Tests.Translation.Backends.BackendsHarness;
using static RulesMesh.Tests.Translation.Istio.IstioWaypointHarness;

namespace RulesMesh.Tests.Translation.Istio;

/// <summary>
/// The worked example of docs/spec/istio-waypoint-output.md §8 (namespace <c>shop</c>): every expected value below was
/// written by hand from that section, not produced by the code. The double-HBONE resources of the §2.4 caveat are off.
/// </summary>
public sealed class IstioShopExampleTests
{
    private const string Shop = Waypoint + """
        apiVersion: v1
        kind: Service
        metadata: { name: reviews, namespace: shop, labels: { istio.io/use-waypoint: waypoint }, creationTimestamp: "2026-01-01T00:00:01Z" }
        spec:
          clusterIP: 10.96.0.20
          ports: [{ name: http, port: 9080 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: reviews-v1, namespace: shop }
        spec:
          clusterIP: 10.96.0.21
          ports: [{ name: http, port: 9080 }]
        ---
        apiVersion: v1
        kind: Service
        metadata: { name: reviews-v2, namespace: shop }
        spec:
          clusterIP: 10.96.0.22
          ports: [{ name: http, port: 9080 }]
        ---
        apiVersion: networking.istio.io/v1
        kind: ServiceEntry
        metadata: { name: ext, namespace: shop, labels: { istio.io/use-waypoint: waypoint }, creationTimestamp: "2026-01-01T00:00:02Z" }
        spec:
          hosts: [api.example.com]
          addresses: [240.0.0.1]
          ports: [{ number: 443, name: tls, protocol: TLS }]
          resolution: DNS
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata: { name: reviews-split, namespace: shop }
        spec:
          parentRefs: [{ group: "", kind: Service, name: reviews }]
          rules:
          - backendRefs:
            - { name: reviews-v1, port: 9080, weight: 90 }
            - { name: reviews-v2, port: 9080, weight: 10 }
        ---
        apiVersion: v1
        kind: Pod
        metadata: { name: reviews-0, namespace: shop, labels: { app: reviews } }
        spec: { containers: [{ name: app, image: reviews }] }
        status: { podIP: 10.1.0.5 }
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata: { name: reviews-abc, namespace: shop, labels: { kubernetes.io/service-name: reviews } }
        addressType: IPv4
        ports: [{ name: http, port: 9080 }]
        endpoints: [{ addresses: [10.1.0.5], targetRef: { kind: Pod, name: reviews-0, namespace: shop } }]
        """;

    [Fact]
    public void TheWaypointHasConnectTerminateMainInternalAndConnectOriginate()
    {
        var snapshot = TranslateIstio(Shop);

        Assert.Equal(["connect_originate", "connect_terminate", "main_internal"], snapshot.Listeners.Select(static l => l.Name));
        var terminate = Listener(snapshot, "connect_terminate");
        Assert.Equal("0.0.0.0", terminate.Address.SocketAddress.Address);
        Assert.Equal(15008u, terminate.Address.SocketAddress.PortValue);
        Assert.Equal("default", terminate.FilterChains.Single().Name);
        Assert.Equal("main_internal", Manager(terminate.FilterChains.Single()).RouteConfig.VirtualHosts.Single().Routes.Single().Route_.Cluster);
    }

    [Fact]
    public void MainInternalChainsComeInCreationOrderThenTheDirectChains()
        => Assert.Equal(
            ["inbound-vip|9080|http|reviews.shop.svc.cluster.local", "inbound-vip|443|tcp|api.example.com", "direct-tcp", "direct-http"],
            ChainNames(TranslateIstio(Shop)));

    [Fact]
    public void MainInternalMatchesDestinationIpThenPort()
        => Assert.Equal(
            ["10.96.0.20/32 → 9080 → inbound-vip|9080|http|reviews.shop.svc.cluster.local", "240.0.0.1/32 → 443 → inbound-vip|443|tcp|api.example.com"],
            MatcherLines(TranslateIstio(Shop)));

    [Fact]
    public void HttpInspectionIsOffOnBothKnownPortsAndTlsInspectionOffOn9080()
    {
        var filters = Listener(TranslateIstio(Shop), "main_internal").ListenerFilters;

        Assert.Equal(["envoy.filters.listener.original_dst", "envoy.filters.listener.http_inspector", "envoy.filters.listener.tls_inspector"], filters.Select(static f => f.Name));
        Assert.True(filters[1].TypedConfig.Is(HttpInspector.Descriptor));
        Assert.Equal([(443, 444), (9080, 9081)], filters[1].FilterDisabled.OrMatch.Rules.Select(static r => (r.DestinationPortRange.Start, r.DestinationPortRange.End)));
        Assert.Equal((9080, 9081), (filters[2].FilterDisabled.DestinationPortRange.Start, filters[2].FilterDisabled.DestinationPortRange.End));
    }

    [Fact]
    public void TheExtChainExchangesMetadataCountsAndProxiesToItsCluster()
    {
        var chain = Chain(TranslateIstio(Shop), "inbound-vip|443|tcp|api.example.com");

        Assert.Equal(["istio.metadata_exchange", "istio.stats", "envoy.filters.network.tcp_proxy"], chain.Filters.Select(static f => f.Name));
        Assert.Equal("inbound-vip|443|tcp|api.example.com", TcpProxy(chain).Cluster);
    }

    [Fact]
    public void TheClustersAreTheTablesAndNoOutboundClusterForTheUnreferencedEntry()
    {
        var snapshot = TranslateIstio(Shop);

        Assert.Equal(
            [
                ("connect_originate", EnvoyCluster.Types.DiscoveryType.OriginalDst),
                ("encap", EnvoyCluster.Types.DiscoveryType.Static),
                ("inbound-vip|443|tcp|api.example.com", EnvoyCluster.Types.DiscoveryType.StrictDns),
                ("inbound-vip|9080|http|reviews.shop.svc.cluster.local", EnvoyCluster.Types.DiscoveryType.Eds),
                ("main_internal", EnvoyCluster.Types.DiscoveryType.Static),
                ("outbound|9080||reviews-v1.shop.svc.cluster.local", EnvoyCluster.Types.DiscoveryType.Eds),
                ("outbound|9080||reviews-v2.shop.svc.cluster.local", EnvoyCluster.Types.DiscoveryType.Eds),
            ],
            snapshot.Clusters.Select(static c => (c.Name, c.Type)));
        Assert.Equal(15008u, Cluster(snapshot, "connect_originate").OriginalDstLbConfig.UpstreamPortOverride);
        Assert.Equal("main_internal", Cluster(snapshot, "main_internal").LoadAssignment.Endpoints.Single().LbEndpoints.Single().Endpoint.Address.EnvoyInternalAddress.ServerListenerName);
        Assert.Equal("connect_originate", Cluster(snapshot, "encap").LoadAssignment.Endpoints.Single().LbEndpoints.Single().Endpoint.Address.EnvoyInternalAddress.ServerListenerName);
        Assert.Equal("hbone", Cluster(snapshot, "outbound|9080||reviews-v1.shop.svc.cluster.local").TransportSocketMatches[0].Name);
    }

    [Fact]
    public void TheEntryClusterResolvesItsHostInPlaintextThroughInternalUpstream()
    {
        var cluster = Cluster(TranslateIstio(Shop), "inbound-vip|443|tcp|api.example.com");

        var socket = cluster.LoadAssignment.Endpoints.Single().LbEndpoints.Single().Endpoint.Address.SocketAddress;
        Assert.Equal(("api.example.com", 443u), (socket.Address, socket.PortValue));
        Assert.Equal("internal_upstream", cluster.TransportSocket.Name);
    }

    [Fact]
    public void TheReviewsEndpointsGoThroughConnectOriginateWithTheirOriginalDestination()
    {
        var endpoint = Endpoints(TranslateIstio(Shop), "inbound-vip|9080|http|reviews.shop.svc.cluster.local").Endpoints.Single().LbEndpoints.Single();

        var address = endpoint.Endpoint.Address.EnvoyInternalAddress;
        Assert.Equal(("connect_originate", "10.1.0.5:9080"), (address.ServerListenerName, address.EndpointId));
        Assert.Equal("10.1.0.5:9080", endpoint.Metadata.FilterMetadata["envoy.filters.listener.original_dst"].Fields["local"].StringValue);
    }

    [Fact]
    public void TheReviewsRouteConfigurationIsInlineInTheHcm()
    {
        var snapshot = TranslateIstio(Shop);
        var manager = Manager(Chain(snapshot, "inbound-vip|9080|http|reviews.shop.svc.cluster.local"));

        Assert.Equal("inbound_0.0.0.0_9080;", manager.StatPrefix);
        Assert.Empty(snapshot.Routes);
        AssertJson("""
            {
              "name": "inbound-vip|9080|http|reviews.shop.svc.cluster.local",
              "validateClusters": false,
              "virtualHosts": [ {
                "name": "inbound|http|9080",
                "domains": [ "*" ],
                "routes": [ {
                  "name": "shop.reviews-split.0",
                  "match": { "prefix": "/", "caseSensitive": true },
                  "metadata": { "filterMetadata": { "istio": { "config": "/apis/networking.istio.io/v1/namespaces/shop/virtual-service/shop~reviews.shop.svc.cluster.local" } } },
                  "decorator": { "operation": "shop~reviews.shop.svc.cluster.local:9080/*" },
                  "route": {
                    "weightedClusters": { "clusters": [
                      { "name": "outbound|9080||reviews-v1.shop.svc.cluster.local", "weight": 90 },
                      { "name": "outbound|9080||reviews-v2.shop.svc.cluster.local", "weight": 10 }
                    ] },
                    "timeout": "0s",
                    "maxGrpcTimeout": "0s",
                    "clusterNotFoundResponseCode": "INTERNAL_SERVER_ERROR",
                    "retryPolicy": {
                      "retryOn": "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes",
                      "numRetries": 2,
                      "retryHostPredicate": [ { "name": "envoy.retry_host_predicates.previous_hosts" } ],
                      "hostSelectionRetryMaxAttempts": "5"
                    }
                  }
                } ]
              } ]
            }
            """, manager.RouteConfig);
    }
}
