using static RulesMesh.Tests.Translation.Backends.BackendsHarness;

namespace RulesMesh.Tests.Translation.Backends;

/// <summary>kgateway.backends.service and kgateway.backends.service-cluster: one EDS cluster per Service port.</summary>
public sealed class ServiceClusterTests
{
    private const string Reviews = """
        apiVersion: v1
        kind: Service
        metadata:
          name: reviews
          namespace: shop
        spec:
          clusterIP: 10.0.0.7
          ports:
          - name: http
            port: 9080
          - name: rpc
            port: 9090
            appProtocol: GRPC
          - name: grpc
            port: 9091
          - name: h2c
            port: 9092
            appProtocol: kubernetes.io/h2c
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: headless
          namespace: shop
        spec:
          clusterIP: None
          ports:
          - name: http
            port: 80
        """;

    private const string Http2Options = """
        {
          "envoy.extensions.upstreams.http.v3.HttpProtocolOptions": {
            "@type": "type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
            "explicitHttpConfig": { "http2ProtocolOptions": {} }
          }
        }
        """;

    [Fact]
    public void EveryPortOfEveryServiceIsACluster()
    {
        var snapshot = Translate(Reviews);

        Assert.Equal(
            ["kube_shop_headless_80", "kube_shop_reviews_9080", "kube_shop_reviews_9090", "kube_shop_reviews_9091", "kube_shop_reviews_9092"],
            snapshot.Clusters.Select(static c => c.Name));
    }

    [Fact]
    public void AServicePortIsAnEdsClusterExactlyAsKgatewayWritesIt()
    {
        var snapshot = Translate(Reviews);

        AssertJson("""
            {
              "commonLbConfig": { "localityWeightedLbConfig": {} },
              "connectTimeout": "5s",
              "edsClusterConfig": { "edsConfig": { "ads": {}, "resourceApiVersion": "V3" } },
              "ignoreHealthOnHostRemoval": true,
              "name": "kube_shop_reviews_9080",
              "type": "EDS"
            }
            """, Cluster(snapshot, "kube_shop_reviews_9080"));
    }

    [Fact]
    public void AHeadlessServiceStillGetsItsEdsCluster()
        => Assert.Equal(Envoy.Config.Cluster.V3.Cluster.Types.DiscoveryType.Eds, Cluster(Translate(Reviews), "kube_shop_headless_80").Type);

    [Theory]
    [InlineData("kube_shop_reviews_9090")]
    [InlineData("kube_shop_reviews_9092")]
    public void AnHttp2AppProtocolAddsExplicitHttp2UpstreamOptions(string cluster)
        => AssertJson(Http2Options, Json(Cluster(Translate(Reviews), cluster))["typedExtensionProtocolOptions"]);

    [Theory]
    [InlineData("kube_shop_reviews_9080")]
    [InlineData("kube_shop_reviews_9091")]
    public void APortNamedGrpcWithoutAppProtocolGetsNoHttp2Options(string cluster)
        => Assert.Empty(Cluster(Translate(Reviews), cluster).TypedExtensionProtocolOptions);

    [Fact]
    public void TheIstioProfileNamesClustersOutboundPortHost()
    {
        var snapshot = IstioBackends(Reviews);

        Assert.Contains("outbound|9080||reviews.shop.svc.cluster.local", snapshot.Clusters.Select(static c => c.Name));
        Assert.Contains("outbound|80||headless.shop.svc.cluster.local", snapshot.Clusters.Select(static c => c.Name));
    }
}
